/**
 * The performance report: what a service's routes, SQL, pools and caches did over a window, and
 * its likely bottlenecks. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.core.report;

import org.jspecify.annotations.NullMarked;
