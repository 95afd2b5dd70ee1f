package dev.perfmon.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.internal.Require;
import dev.perfmon.redis.internal.Breaker;
import dev.perfmon.redis.internal.ConsecutiveFailureBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The circuit breaker of one Redis client (connection), shared by every cache on it: after
 * {@code failureThreshold} consecutive timeouts or connection failures within
 * {@code failureWindow} it opens, and cache operations skip Redis at once (counted as
 * {@code perfmon.cache.errors{cause=breaker}}, then the cache's {@link FailureMode} applies:
 * fail-open loads, fail-closed throws); after {@code probeInterval} it half-opens and lets one
 * command through as a probe, closing when Redis answers it and opening again when it fails.
 * A hung Redis then costs {@code failureThreshold} timeouts and one per probe interval, not one
 * per cache operation.
 *
 * <p>Its state is the gauge {@code perfmon.redis.breaker.state{client}} (0 closed, 1 open,
 * 2 half-open) and each transition a {@link RedisBreakerTransition} event (allocated only when a
 * listener is registered).
 *
 * <pre>{@code
 * RedisCircuitBreaker breaker = RedisCircuitBreaker.builder(perfMon, "sessions")
 *         .failureThreshold(3).failureWindow(Duration.ofSeconds(1)).probeInterval(Duration.ofSeconds(2))
 *         .build();
 * PerfMonCache<Session> sessions = PerfMonCache.builder(perfMon, connection).name("sessions")
 *         .circuitBreaker(breaker).build();
 * }</pre>
 *
 * A cache built without one shares the default breaker of its connection: one per PerfMon and
 * connection, client {@code default} (then {@code default-2}, ... for further connections), with
 * the defaults below. Thread-safe.
 */
public final class RedisCircuitBreaker {

    /** The gauge of every breaker's state. */
    public static final String STATE_METER = "perfmon.redis.breaker.state";

    private static final RedisCircuitBreaker DISABLED = new RedisCircuitBreaker("disabled", Breaker.NONE, null);
    /**
     * Default breakers by connection (held weakly, compared by identity: commands objects may be
     * proxies without {@code hashCode}) and PerfMon, so caches on one connection share one.
     */
    private static final List<Shared> SHARED = new ArrayList<>();

    private record Shared(WeakReference<Object> connection, PerfMon owner, RedisCircuitBreaker breaker) {
    }

    private final String client;
    private final Breaker breaker;
    private final @Nullable ConsecutiveFailureBreaker states;

    private RedisCircuitBreaker(String client, Breaker breaker, @Nullable ConsecutiveFailureBreaker states) {
        this.client = client;
        this.breaker = breaker;
        this.states = states;
    }

    /**
     * @param perfMon where the gauge and the events go
     * @param client the {@code client} tag value: a short fixed name of the connection, never a key
     * @return a builder with the defaults
     */
    public static Builder builder(PerfMon perfMon, String client) {
        return new Builder(perfMon, client);
    }

    /** @return a breaker that never opens and records nothing (no gauge): every command is sent */
    public static RedisCircuitBreaker disabled() {
        return DISABLED;
    }

    /** The default breaker of a connection for this PerfMon, created on first use. */
    static RedisCircuitBreaker sharedFor(PerfMon perfMon, Object connection) {
        synchronized (SHARED) {
            SHARED.removeIf(shared -> shared.connection.get() == null || shared.owner.isClosed());
            for (Shared shared : SHARED) {
                if (shared.connection.get() == connection && shared.owner == perfMon) {
                    return shared.breaker;
                }
            }
            String name = "default";
            for (int i = 2; perfMon.registry().find(STATE_METER).tag("client", name).gauge() != null; i++) {
                name = "default-" + i;
            }
            RedisCircuitBreaker created = builder(perfMon, name).build();
            SHARED.add(new Shared(new WeakReference<>(connection), perfMon, created));
            return created;
        }
    }

    /** @return the {@code client} tag value */
    public String client() {
        return client;
    }

    /** @return the current state ({@link BreakerState#CLOSED} always when disabled) */
    public BreakerState state() {
        return states == null ? BreakerState.CLOSED : states.state();
    }

    /** @return whether this breaker can open (false for {@link #disabled()}) */
    public boolean enabled() {
        return states != null;
    }

    Breaker breaker() {
        return breaker;
    }

    @Override
    public String toString() {
        return "RedisCircuitBreaker[" + client + ", " + state().label() + ']';
    }

    /** Configures a {@link RedisCircuitBreaker}; every setting has a default, documented beside it, and is validated when set. */
    public static final class Builder {
        private final PerfMon perfMon;
        private final String client;
        private int failureThreshold = 5;
        private Duration failureWindow = Duration.ofSeconds(1);
        private Duration probeInterval = Duration.ofSeconds(1);

        private Builder(PerfMon perfMon, String client) {
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * Consecutive timeouts or connection failures that open the breaker; default 5 (with
         * the 100 ms cache timeout: half a second of a hung Redis, spread over concurrent
         * requests). Any reply (an error reply too) starts the count again.
         */
        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = Require.atLeast("failureThreshold", failureThreshold, 1);
            return this;
        }

        /** The consecutive failures must fall within this window (counted from the first); default 1 s. */
        public Builder failureWindow(Duration failureWindow) {
            this.failureWindow = Require.positive("failureWindow", failureWindow);
            return this;
        }

        /**
         * How long the breaker stays open before it lets one probe through (and, while half-open,
         * how long a probe may take before another caller probes); default 1 s: a hung Redis
         * costs one request one timeout per second, and a recovered one is used again within a
         * second.
         */
        public Builder probeInterval(Duration probeInterval) {
            this.probeInterval = Require.positive("probeInterval", probeInterval);
            return this;
        }

        /**
         * @return the breaker, with its gauge registered
         * @throws IllegalArgumentException for a blank client name or one another breaker of the
         *     registry already uses
         */
        public RedisCircuitBreaker build() {
            if (client.isBlank()) {
                throw new IllegalArgumentException("client must not be blank, was '" + client + "'");
            }
            MeterRegistry registry = perfMon.registry();
            if (registry.find(STATE_METER).tag("client", client).gauge() != null) {
                throw new IllegalArgumentException("client '" + client
                        + "' already has a circuit breaker in this registry; share that one or pick another name");
            }
            ConsecutiveFailureBreaker states = new ConsecutiveFailureBreaker(perfMon, client, failureThreshold,
                    failureWindow, probeInterval);
            RedisCircuitBreaker breaker = new RedisCircuitBreaker(client, states, states);
            perfMon.meters("redis-breaker").gauge(Gauge.builder(STATE_METER, states, s -> s.state().code())
                    .tag("client", client)
                    .description("State of the Redis client's circuit breaker: 0 closed, 1 open, 2 half-open")
                    .strongReference(true));
            return breaker;
        }
    }
}
