/**
 * Not API: the cache flows, store and command listener behind {@code dev.perfmon.redis}. May
 * change in any release. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.redis.internal;

import org.jspecify.annotations.NullMarked;
