/** Not API: the stampede monitor behind {@code CacheRecorder}. May change in any release. */
@NullMarked
package dev.perfmon.cache.internal;

import org.jspecify.annotations.NullMarked;
