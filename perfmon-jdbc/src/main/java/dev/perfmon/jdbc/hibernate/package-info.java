/**
 * Hibernate integration: association names for N+1 findings. Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.jdbc.hibernate;

import org.jspecify.annotations.NullMarked;
