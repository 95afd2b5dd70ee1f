/**
 * Not API: the meter history and rule evaluation behind {@code dev.perfmon.core.health}. May change in any release.
 */
@NullMarked
package dev.perfmon.core.health.internal;

import org.jspecify.annotations.NullMarked;
