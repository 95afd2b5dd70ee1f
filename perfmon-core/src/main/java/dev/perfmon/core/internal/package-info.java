/**
 * Not API: the scope store, meter containment and logging behind {@code dev.perfmon.core}. May change in any release.
 */
@NullMarked
package dev.perfmon.core.internal;

import org.jspecify.annotations.NullMarked;
