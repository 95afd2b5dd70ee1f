/**
 * Real services and helpers for perfmon's own tests (Redis, PostgreSQL, H2, bounded polling);
 * not published. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.testsupport;

import org.jspecify.annotations.NullMarked;
