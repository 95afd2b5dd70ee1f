package dev.perfmon.redis.internal;

import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;

/**
 * The store behind the cache flows: stored bytes by key, with a TTL, plus the two commands of
 * the cross-instance lock. An implementation bounds every wait by the cache's timeout, counts
 * each failure once ({@code perfmon.cache.errors}) and each acknowledged write
 * ({@code cache.puts}), adds its time to the scope's segment, and reports failures as
 * {@link RedisFailure} (thrown to blocking callers; the cause of a
 * {@link java.util.concurrent.CompletionException} for the others). The scope may be
 * {@code null} (no scope: no time recorded, no budget).
 */
public interface CacheStore {

    /** @return commands sent that await a reply */
    int pendingCommands();

    /** @return the stored bytes, or {@code null} when the key is absent */
    byte @Nullable [] get(String key, @Nullable RequestScope scope) throws RedisFailure;

    /** Writes with a TTL; counts the put. */
    void set(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) throws RedisFailure;

    /** @return how many keys were deleted (0 or 1) */
    long delete(String key, @Nullable RequestScope scope) throws RedisFailure;

    /** @return whether the key was absent and is now set (with the TTL) */
    boolean setIfAbsent(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) throws RedisFailure;

    /** @return the stored bytes or {@code null} */
    CompletableFuture<byte[]> getAsync(String key, @Nullable RequestScope scope);

    /** Writes with a TTL and counts the put when the store acknowledges it. */
    CompletableFuture<String> setAsync(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope);

    /** @return how many keys were deleted */
    CompletableFuture<Long> deleteAsync(String key, @Nullable RequestScope scope);

    /** @return {@code "OK"} when the key was absent and is now set, {@code null} when it existed */
    CompletableFuture<String> setIfAbsentAsync(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope);

    /** Deletes the lock key if it still holds the token; nobody waits for the answer. */
    CompletableFuture<Long> releaseAsync(String lockKey, byte[] token);
}
