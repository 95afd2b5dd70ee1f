package dev.perfmon.redis;

import dev.perfmon.cache.CacheStampede;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.internal.Require;
import dev.perfmon.redis.internal.AsyncFlows;
import dev.perfmon.redis.internal.CacheCore;
import dev.perfmon.redis.internal.CacheSettings;
import dev.perfmon.redis.internal.LettuceStore;
import dev.perfmon.redis.internal.SyncFlows;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * A named Redis cache over a Lettuce connection, with hit/miss metrics in Micrometer's cache
 * convention, single-flight loading, stampede detection and a short timeout of its own. This is
 * the blocking view; {@link #async()} and {@link #reactive()} are views of the same cache (same
 * meters, same in-flight loads).
 *
 * <pre>{@code
 * StatefulRedisConnection<String, byte[]> connection = client.connect(PerfMonRedis.codec());
 * PerfMonCache<Post> posts = PerfMonCache.builder(perfMon, connection)
 *         .name("posts")
 *         .codec(postCodec)
 *         .ttl(Duration.ofMinutes(10))
 *         .build();
 *
 * Post post = posts.getOrLoad("post:" + id, () -> repository.find(id));
 * posts.invalidate("post:" + id);   // after an update
 * }</pre>
 *
 * <p><b>Metrics</b>, registered when the cache is built, tagged {@code cache=<name>}:
 * {@code cache.gets{result=hit|miss}}, {@code cache.puts}, {@code cache.loads{result=success|failure}}
 * (timer), {@code perfmon.cache.errors{operation,cause}}, {@code perfmon.cache.coalesced},
 * {@code perfmon.cache.stampede}, {@code perfmon.cache.invalidations},
 * {@code perfmon.cache.early.recomputes}, {@code perfmon.cache.lock{result}}. Hits and misses also
 * go into the current request scope ({@code cache.hits}, {@code cache.misses}) and the time
 * spent waiting for Redis into its {@code redis} segment.
 *
 * <p><b>Counting</b>: a hit is a lookup Redis answered with a cached value. A miss is a lookup
 * Redis answered with nothing: the caller then ran the loader, or joined another caller's load of
 * the key (counted as {@code perfmon.cache.coalesced} too; a joiner is never a hit, and a joiner
 * of a load started after a Redis failure is neither hit nor miss). A Redis failure is neither: it
 * is counted as {@code perfmon.cache.errors} and handled by the {@link FailureMode}. A value the
 * codec cannot decode is a codec error and a miss (the reload overwrites it).
 *
 * <p><b>Nulls</b>: {@link #get} returns {@code null} on a miss. A loader's {@code null} is
 * returned and not cached, so the next call loads again, unless the builder set a
 * {@link Builder#negativeTtl(Duration) negative TTL}: then the absence is cached for that long
 * and served as a hit returning {@code null}. Values passed to {@link #put} must not be null.
 *
 * <p>Thread-safe. Keys are never used as tag values or logged.
 *
 * @param <V> the value type
 */
public final class PerfMonCache<V> {

    private final CacheCore<V> core;
    private final SyncFlows<V> flows;
    private final PerfMonAsyncCache<V> async;
    private final PerfMonReactiveCache<V> reactive;
    private final long defaultTtlMillis;

    private PerfMonCache(CacheCore<V> core) {
        this.core = core;
        this.flows = new SyncFlows<>(core);
        AsyncFlows<V> asyncFlows = new AsyncFlows<>(core);
        this.async = new PerfMonAsyncCache<>(asyncFlows, core.settings());
        this.reactive = new PerfMonReactiveCache<>(async);
        this.defaultTtlMillis = core.settings().defaultTtlMillis();
    }

    /**
     * Starts a cache over a connection whose values are bytes ({@link PerfMonRedis#codec()}).
     *
     * @param perfMon where metrics, scopes and events go
     * @param connection a standalone connection with String keys and byte[] values
     * @return a builder for String values (change with {@link Builder#codec(ValueCodec)})
     */
    public static Builder<String> builder(PerfMon perfMon, StatefulRedisConnection<String, byte[]> connection) {
        Objects.requireNonNull(connection, "connection");
        return new Builder<>(perfMon, connection.async(), ValueCodec.utf8());
    }

    /**
     * Starts a cache from Lettuce's blocking API: it runs over the same connection
     * ({@code commands.getStatefulConnection()}), so both share one pipeline.
     *
     * @param perfMon where metrics, scopes and events go
     * @param commands blocking commands with String keys and byte[] values
     * @return a builder for String values
     */
    public static Builder<String> builder(PerfMon perfMon, RedisCommands<String, byte[]> commands) {
        Objects.requireNonNull(commands, "commands");
        return builder(perfMon, commands.getStatefulConnection());
    }

    /**
     * Starts a cache from Lettuce's reactive API: it runs over the same connection
     * ({@code commands.getStatefulConnection()}); use {@link #reactive()} for {@code Mono} results.
     *
     * @param perfMon where metrics, scopes and events go
     * @param commands reactive commands with String keys and byte[] values
     * @return a builder for String values
     */
    public static Builder<String> builder(PerfMon perfMon, RedisReactiveCommands<String, byte[]> commands) {
        Objects.requireNonNull(commands, "commands");
        return builder(perfMon, commands.getStatefulConnection());
    }

    /**
     * Starts a cache over asynchronous commands: those of a standalone connection, of a cluster
     * connection ({@code clusterConnection.async()}), or any implementation of the interface.
     *
     * @param perfMon where metrics, scopes and events go
     * @param commands commands with String keys and byte[] values
     * @return a builder for String values
     */
    public static Builder<String> builder(PerfMon perfMon, RedisClusterAsyncCommands<String, byte[]> commands) {
        return new Builder<>(perfMon, commands, ValueCodec.utf8());
    }

    /** @return the cache's name, its {@code cache} tag */
    public String name() {
        return core.settings().name();
    }

    /** @return the non-blocking view of this cache ({@code CompletionStage}) */
    public PerfMonAsyncCache<V> async() {
        return async;
    }

    /** @return the reactive view of this cache ({@code Mono}) */
    public PerfMonReactiveCache<V> reactive() {
        return reactive;
    }

    /**
     * Reads a value: a hit, a miss ({@code null}), or, when Redis fails, {@code null} (fail-open,
     * counted as an error, not as a miss) or {@link CacheUnavailableException} (fail-closed).
     *
     * @param key the Redis key
     * @return the cached value, or {@code null}
     */
    public @Nullable V get(String key) {
        return flows.get(Objects.requireNonNull(key, "key"));
    }

    /**
     * Writes a value with the default TTL.
     *
     * @return whether Redis stored it ({@code false} on a fail-open Redis failure or a codec error)
     */
    public boolean put(String key, V value) {
        return put(key, value, defaultTtlMillis);
    }

    /**
     * Writes a value with a TTL. A load of the key in flight in this JVM will not write back over it.
     *
     * @return whether Redis stored it ({@code false} on a fail-open Redis failure or a codec error)
     */
    public boolean put(String key, V value, Duration ttl) {
        return put(key, value, Checks.ttlMillis("ttl", ttl));
    }

    private boolean put(String key, V value, long ttlMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, Checks.NULL_VALUE);
        return flows.put(key, value, ttlMillis);
    }

    /**
     * Deletes a key, for example after the data behind it changed. Loads of the key in flight in
     * this JVM will not write their (now stale) values back; callers arriving afterwards load anew.
     *
     * @return whether a value was deleted ({@code false} also on a fail-open Redis failure)
     */
    public boolean invalidate(String key) {
        return flows.invalidate(Objects.requireNonNull(key, "key"));
    }

    /** Same as {@link #invalidate(String)}. */
    public boolean delete(String key) {
        return invalidate(key);
    }

    /** {@link #getOrLoad(String, Supplier, Duration)} with the default TTL. */
    public @Nullable V getOrLoad(String key, Supplier<? extends V> loader) {
        return getOrLoad(key, loader, defaultTtlMillis);
    }

    /**
     * Returns the cached value, or loads, stores and returns it. With single-flight (the default),
     * concurrent callers missing the same key share one loader call; a failing loader's exception
     * reaches each of them unchanged and nothing is cached. When Redis fails, the loader is called
     * without writing back (fail-open) or {@link CacheUnavailableException} is thrown (fail-closed).
     *
     * @param key the Redis key
     * @param loader computes the value on a miss, on this thread (may return {@code null}, see the
     *     class notes); its exceptions pass through unchanged
     * @param ttl how long the loaded value is cached
     * @return the value, {@code null} when the loader returned it
     */
    public @Nullable V getOrLoad(String key, Supplier<? extends V> loader, Duration ttl) {
        return getOrLoad(key, loader, Checks.ttlMillis("ttl", ttl));
    }

    private @Nullable V getOrLoad(String key, Supplier<? extends V> loader, long ttlMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        return flows.getOrLoad(key, loader, ttlMillis);
    }

    /** @return keys being loaded in this JVM now (single-flight and stampede tracking) */
    public int loadsInFlight() {
        return core.loadsInFlight();
    }

    /** @return this cache's commands awaiting a Redis reply that nobody is blocked on now */
    public int pendingCommands() {
        return core.pendingCommands();
    }

    @Override
    public String toString() {
        return "PerfMonCache[" + name() + ']';
    }

    /**
     * Configures a {@link PerfMonCache}; every setting has a default, documented beside it.
     * {@link #build()} validates them and registers the meters.
     *
     * @param <V> the value type
     */
    public static final class Builder<V> {
        private final PerfMon perfMon;
        private final RedisClusterAsyncCommands<String, byte[]> commands;
        private ValueCodec<V> codec;
        private @Nullable String name;
        private Duration timeout = Duration.ofMillis(100);
        private Duration ttl = Duration.ofMinutes(5);
        private FailureMode failureMode = FailureMode.FAIL_OPEN;
        private boolean singleFlight = true;
        private int maxInFlightLoads = 10_000;
        private int maxPendingCommands = 1_000;
        private Duration negativeTtl = Duration.ZERO;
        private Duration stampedeEventInterval = Duration.ofSeconds(10);
        private Duration lockLease = Duration.ZERO;
        private Duration lockMaxWait = Duration.ZERO;
        private double earlyRecomputationBeta;
        private Executor loaderExecutor = ForkJoinPool.commonPool();
        private @Nullable RedisCircuitBreaker circuitBreaker;
        private @Nullable Duration requestBudget;

        private Builder(PerfMon perfMon, RedisClusterAsyncCommands<String, byte[]> commands, ValueCodec<V> codec) {
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
            this.commands = Objects.requireNonNull(commands, "commands");
            this.codec = codec;
        }

        /** Required: the {@code cache} tag value; a short fixed name such as {@code posts}. */
        public Builder<V> name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The value codec; default {@link ValueCodec#utf8()} (String values). Returns this builder,
         * retyped to the codec's values: go on with the builder it returns.
         */
        public <T> Builder<T> codec(ValueCodec<T> codec) {
            // The codec is the only setting typed by V, so this builder, retyped, is the new one.
            @SuppressWarnings("unchecked")
            Builder<T> retyped = (Builder<T>) this;
            retyped.codec = Objects.requireNonNull(codec, "codec");
            return retyped;
        }

        /**
         * The cache's own Redis timeout, so that a slow or unreachable Redis costs a request at most
         * this long instead of the connection's (Lettuce: 60 s); default 100 ms: far above a healthy
         * Redis round trip, a quarter of the default 400 ms latency objective.
         */
        public Builder<V> timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** TTL of values written without one; default 5 min. */
        public Builder<V> ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** What Redis failures do; default {@link FailureMode#FAIL_OPEN}. */
        public Builder<V> failureMode(FailureMode failureMode) {
            this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
            return this;
        }

        /**
         * Whether concurrent misses of one key in this JVM share one load; default true. Off, each
         * caller loads, and duplicates are counted ({@code perfmon.cache.stampede}) and reported
         * ({@link CacheStampede}).
         */
        public Builder<V> singleFlight(boolean singleFlight) {
            this.singleFlight = singleFlight;
            return this;
        }

        /** Keys tracked as in flight at once; past it, loads run untracked; default 10,000. */
        public Builder<V> maxInFlightLoads(int maxInFlightLoads) {
            this.maxInFlightLoads = maxInFlightLoads;
            return this;
        }

        /**
         * Commands of this cache awaiting a reply that nobody is blocked on: asynchronous ones,
         * and synchronous ones that timed out but are still queued in Lettuce (blocked callers are
         * bounded by their threads). Past it, operations fail at once with cause
         * {@code rejected}; default 1,000.
         */
        public Builder<V> maxPendingCommands(int maxPendingCommands) {
            this.maxPendingCommands = maxPendingCommands;
            return this;
        }

        /**
         * Caches a loader's {@code null} for this long (a hit returning {@code null}); default
         * zero: nulls are not cached and every call for an absent entity reaches the loader.
         */
        public Builder<V> negativeTtl(Duration negativeTtl) {
            this.negativeTtl = Objects.requireNonNull(negativeTtl, "negativeTtl");
            return this;
        }

        /** At most one {@link CacheStampede} event per interval; default 10 s. */
        public Builder<V> stampedeEventInterval(Duration interval) {
            this.stampedeEventInterval = Objects.requireNonNull(interval, "stampedeEventInterval");
            return this;
        }

        /**
         * Turns on the cross-instance load lock (off by default): the leader of a miss takes
         * {@code SET <key>:lock <token> NX PX <lease>}; other instances poll for the value up to
         * {@code maxWait}, then load anyway. Costs a round trip per miss; see the README.
         *
         * @param lease how long the lock lives if its holder dies (longer than a load)
         * @param maxWait how long another instance waits before loading itself
         */
        public Builder<V> crossInstanceLock(Duration lease, Duration maxWait) {
            this.lockLease = Objects.requireNonNull(lease, "lease");
            this.lockMaxWait = Objects.requireNonNull(maxWait, "maxWait");
            return this;
        }

        /**
         * Turns on probabilistic early recomputation (XFetch; off by default): readers refresh a
         * value shortly before it expires, with a probability growing with closeness to expiry
         * and load time. Stored values then carry a 15-byte header.
         *
         * @param beta above 0; 1.0 is the paper's choice, larger refreshes earlier
         */
        public Builder<V> earlyRecomputation(double beta) {
            this.earlyRecomputationBeta = beta;
            return this;
        }

        /**
         * Where the {@linkplain PerfMonCache#async() asynchronous} and
         * {@linkplain PerfMonCache#reactive() reactive} views invoke a loader after a miss; default
         * {@link ForkJoinPool#commonPool()}, also Caffeine's default {@code executor} and
         * {@code CompletableFuture}'s for its {@code *Async} methods (when that pool has more than
         * one thread). The cache learns of a miss on Lettuce's event loop, or on the JDK's single
         * {@code CompletableFuture} delay thread when its timeout fired first; invoking the loader
         * there would let a loader that blocks stall that connection or every timeout in the JVM.
         * The request scope of the caller is bound on the executor's thread while the loader is
         * invoked, so the loader's own instrumentation still counts for the request. A loader that
         * blocks (a repository call wrapped in {@code completedFuture}) should get an executor of
         * its own here, sized for the blocking; {@code Runnable::run} invokes it on the thread that
         * completed the read, without a hand-off. The blocking view always loads on the calling
         * thread. If the executor rejects the task, the load fails with its
         * {@code RejectedExecutionException}.
         */
        public Builder<V> loaderExecutor(Executor loaderExecutor) {
            this.loaderExecutor = Objects.requireNonNull(loaderExecutor, "loaderExecutor");
            return this;
        }

        /**
         * The circuit breaker of the Redis client this cache uses; give the same breaker to every
         * cache on one connection. Default: the connection's shared default breaker (client
         * {@code default}), which every cache built over the same connection (or the same
         * asynchronous commands object) and PerfMon gets; {@link RedisCircuitBreaker#disabled()}
         * turns it off. See {@link RedisCircuitBreaker}.
         */
        public Builder<V> circuitBreaker(RedisCircuitBreaker circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        /**
         * Redis time one request scope may spend: once the scope's {@code redis} segment (the
         * time its cache commands, and commands seen by {@link PerfMonCommandListener}, waited
         * for Redis) reaches it, this cache's further operations in that scope skip Redis
         * (counted as {@code perfmon.cache.errors{cause=budget}}, then the {@link FailureMode}
         * applies). Default: the cache's {@link #timeout(Duration) timeout}, so a request with
         * several cache operations pays at most one timeout while Redis hangs (plus the time of
         * the healthy commands before it); {@link Duration#ZERO} turns it off. Operations outside
         * a scope have no budget.
         */
        public Builder<V> requestBudget(Duration requestBudget) {
            this.requestBudget = Objects.requireNonNull(requestBudget, "requestBudget");
            return this;
        }

        /**
         * @return the cache, with its meters registered
         * @throws IllegalArgumentException naming the first invalid setting and its value
         */
        public PerfMonCache<V> build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required and must not be blank, was '" + name + "'");
            }
            long timeoutNanos = Require.positive("timeout", timeout).toNanos();
            long ttlMillis = Checks.ttlMillis("ttl", ttl);
            Require.atLeast("maxInFlightLoads", maxInFlightLoads, 1);
            Require.atLeast("maxPendingCommands", maxPendingCommands, 1);
            if (negativeTtl.isNegative() || (!negativeTtl.isZero() && negativeTtl.toMillis() < 1)) {
                throw new IllegalArgumentException("negativeTtl must be zero (off) or at least 1 ms, was " + negativeTtl);
            }
            Require.positive("stampedeEventInterval", stampedeEventInterval);
            boolean lock = !lockLease.isZero() || !lockMaxWait.isZero();
            if (lock) {
                Require.positive("crossInstanceLock lease", lockLease);
                Require.positive("crossInstanceLock maxWait", lockMaxWait);
            }
            if (earlyRecomputationBeta < 0 || Double.isNaN(earlyRecomputationBeta)
                    || Double.isInfinite(earlyRecomputationBeta)) {
                throw new IllegalArgumentException("earlyRecomputation beta must be a positive number, was "
                        + earlyRecomputationBeta);
            }
            if (requestBudget != null && requestBudget.isNegative()) {
                throw new IllegalArgumentException("requestBudget must be zero (off) or positive, was " + requestBudget);
            }
            long budgetNanos = requestBudget == null ? timeoutNanos : requestBudget.toNanos();
            CacheSettings settings = new CacheSettings(name, timeoutNanos, ttlMillis,
                    failureMode == FailureMode.FAIL_CLOSED, singleFlight, maxInFlightLoads, maxPendingCommands,
                    negativeTtl.toMillis(), stampedeEventInterval, lock ? lockLease.toMillis() : 0,
                    lock ? lockMaxWait.toNanos() : 0, earlyRecomputationBeta, loaderExecutor, budgetNanos);
            RedisCircuitBreaker breaker = circuitBreaker != null
                    ? circuitBreaker
                    : RedisCircuitBreaker.sharedFor(perfMon, commands);
            return new PerfMonCache<>(new CacheCore<>(perfMon, codec, settings,
                    LettuceStore.factory(commands, settings, breaker.breaker())));
        }
    }
}
