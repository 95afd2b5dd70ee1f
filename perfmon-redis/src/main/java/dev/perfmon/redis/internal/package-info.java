/**
 * Not API: the cache flows, store and command listener behind {@code dev.perfmon.redis}. May
 * change in any release. Not yet {@code @NullMarked}: the flows pass a null scope, value and
 * failure between steps, and their nullness is not declared yet.
 */
package dev.perfmon.redis.internal;
