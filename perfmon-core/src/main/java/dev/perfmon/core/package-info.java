/**
 * The spine of perfmon: {@link dev.perfmon.core.PerfMon}, its configuration, the request scope
 * and the events. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.core;

import org.jspecify.annotations.NullMarked;
