/**
 * The servlet filter ({@link dev.perfmon.servlet.PerfMonFilter}), its configuration and the seams
 * to name routes and add tags. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.servlet;

import org.jspecify.annotations.NullMarked;
