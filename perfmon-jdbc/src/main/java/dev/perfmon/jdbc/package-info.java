/**
 * The JDBC decorator: SQL time and statements per request, fingerprints and the N+1 and
 * duplicate-query detectors. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.jdbc;

import org.jspecify.annotations.NullMarked;
