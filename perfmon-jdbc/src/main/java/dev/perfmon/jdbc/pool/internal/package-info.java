/**
 * The pool monitor's machinery: the tracker HikariCP calls, holder tables, waits and episodes.
 * Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.NullMarked;
