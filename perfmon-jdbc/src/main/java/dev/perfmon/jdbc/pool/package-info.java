/**
 * Connection pool monitoring: pool meters, exhaustion and long-hold findings, and the pool rows
 * of the report. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.jdbc.pool;

import org.jspecify.annotations.NullMarked;
