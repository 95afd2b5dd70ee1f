/**
 * The JDBC decorator's machinery: the timed wrappers, SQL fingerprints, the per-request statement
 * records and the N+1 and duplicate-query detectors. Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.NullMarked;
