/**
 * Health rules over the shared meter history, each with its PromQL twin. Nothing here is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.core.health;

import org.jspecify.annotations.NullMarked;
