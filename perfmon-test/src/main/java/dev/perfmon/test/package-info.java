/**
 * A JUnit extension that fails a test on an N+1 query, a duplicate query or a statement budget
 * overrun ({@link dev.perfmon.test.PerfMonExtension}). Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.test;

import org.jspecify.annotations.NullMarked;
