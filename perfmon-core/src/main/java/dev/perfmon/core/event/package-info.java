/**
 * Findings published by core (slow requests, health changes). Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.core.event;

import org.jspecify.annotations.NullMarked;
