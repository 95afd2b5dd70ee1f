package dev.perfmon.core;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;
import dev.perfmon.core.event.SlowRequest;
import dev.perfmon.core.internal.DiagnosisRegistry;
import dev.perfmon.core.internal.EventBus;
import dev.perfmon.core.internal.InternalErrors;
import dev.perfmon.core.internal.JvmMetrics;
import dev.perfmon.core.internal.RateLimitedLogListener;
import dev.perfmon.core.report.spi.Diagnoses;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one object an application builds: it owns the {@link MeterRegistry}, the immutable
 * {@link PerfMonConfig}, the clock, the request scopes and the event listeners. Every perfmon
 * filter and decorator takes it.
 *
 * <pre>{@code
 * PerfMon perfMon = PerfMon.builder(registry).build();
 * try (RequestScope scope = perfMon.openScope("nightly-import")) {
 *     importer.run();
 * }
 * }</pre>
 *
 * <p>There is no global state: two instances in one JVM keep separate scopes, listeners and
 * meters caches. Close it to stop its background work and unregister what it registered.
 */
public final class PerfMon implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();
    private static final ScopeHook[] NO_HOOKS = new ScopeHook[0];

    private final long id = IDS.incrementAndGet();
    private final MeterRegistry registry;
    private final PerfMonConfig config;
    private final Clock clock;
    private final InternalErrors errors;
    private final EventBus events;
    private final RouteGuard routeGuard;
    private final BreakdownPublisher breakdown;
    /** Every thread's scope state, for {@link #inFlight()}: one entry per thread, not per request. */
    private final ScopeThreads threads = new ScopeThreads();
    private final @Nullable RequestSampler sampler;
    private final DiagnosisRegistry diagnoses = new DiagnosisRegistry();
    /** Open scopes detached from every thread, for {@link #inFlight()}; bounded. */
    private final DetachedScopes detachedScopes = new DetachedScopes(DetachedScopes.CAPACITY);
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private volatile ScopeHook[] hooks = NO_HOOKS;
    private boolean jvmMetricsBound;
    private volatile boolean closed;

    private PerfMon(Builder builder) {
        this.registry = builder.registry;
        this.config = builder.config;
        this.clock = builder.clock != null ? builder.clock : registry.config().clock();
        this.errors = new InternalErrors(registry);
        this.events = new EventBus(errors);
        this.routeGuard = new RouteGuard(config.maxTagValues(), config.overflowTagValue());
        this.breakdown = new BreakdownPublisher(meters(BreakdownPublisher.COMPONENT), routeGuard);
        this.sampler = builder.sampling.enabled() ? new RequestSampler(this, builder.sampling, builder.traceIds) : null;
        if (config.logFindings()) {
            events.add(new RateLimitedLogListener(meters(RateLimitedLogListener.COMPONENT), clock, config.findingLogInterval(),
                    config.findingLogBudget()));
        }
        for (PerfMonListener listener : builder.listeners) {
            events.add(listener);
        }
        registerContextPropagation();
    }

    /** An incompatible context-propagation jar costs the propagation, never the instance. */
    private void registerContextPropagation() {
        try {
            AutoCloseable propagation = ContextPropagation.registerIfAvailable(this);
            if (propagation != null) {
                closeables.push(propagation);
            }
        } catch (RuntimeException | LinkageError failure) {
            recordFailure("context-propagation", failure);
        }
    }

    /**
     * @param registry where every meter goes
     * @return a builder with the default configuration
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /** @return the registry every meter is published to */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return the configuration */
    public PerfMonConfig config() {
        return config;
    }

    /** @return the clock for durations and timestamps (the registry's unless one was given) */
    public Clock clock() {
        return clock;
    }

    /** @return an identifier unique among the instances of this JVM, for diagnostics and keys */
    public long id() {
        return id;
    }

    // ---- request scopes ------------------------------------------------------------------

    /**
     * Opens a scope bound to the current thread. Close it with try-with-resources; a scope
     * already bound to this thread is restored when the new one closes.
     *
     * @param name the scope's name and initial route, such as {@code GET /posts} or {@code job:import}
     * @return the open scope
     */
    public RequestScope openScope(String name) {
        Objects.requireNonNull(name, "name");
        ScopeThreadState state = threads.current();
        RequestScope previous = current(state);
        RequestScope scope = state.takeSpare();
        if (scope == null) {
            scope = threads.takeSpare();
            if (scope == null) {
                scope = new RequestScope();
            }
        }
        scope.open(this, name, state, previous);
        state.current = scope;
        return scope;
    }

    /** @return the open scope bound to the current thread, or {@code null} */
    public @Nullable RequestScope currentScope() {
        return current(threads.current());
    }

    private static @Nullable RequestScope current(ScopeThreadState state) {
        RequestScope scope = state.current;
        if (scope == null || scope.isOpen()) {
            return scope;
        }
        // A scope closed elsewhere (another thread, out of order) leaves a stale binding here.
        while (scope != null && !scope.isOpen()) {
            scope = scope.previous();
        }
        state.current = scope;
        return scope;
    }

    ScopeThreadState threadState() {
        return threads.current();
    }

    /** @return whether scopes record a timeline for request samples */
    boolean samplesRequests() {
        return sampler != null;
    }

    /**
     * The requests kept whole: every request slower than the latency objective, every failed
     * one and a steady sample of the others, each with its timeline (pool waits, statement
     * shapes, Redis operations), bounded as {@link Builder#requestSampling(RequestSampling)} says.
     *
     * @return the samples now, oldest first; empty when sampling is off
     */
    public RequestSamples requestSamples() {
        RequestSampler current = sampler;
        return current == null ? new RequestSamples(List.of(), 0, 0, 0) : current.snapshot();
    }

    /**
     * The requests running now, with what each is doing (waiting for a connection, running a
     * statement, in Redis): those on threads that opened or activated their scope, and those
     * {@linkplain RequestScope#detach() detached} from every thread, such as an asynchronous request
     * between dispatches ({@link InFlightRequest.State#DETACHED}, no thread). A detached request leaves
     * the list when its scope closes (completion or timeout); at most 1,024
     * of them are listed, the oldest dropped first, so requests never completed cannot grow memory.
     * The scope of the calling thread is not listed. Reads each thread's current scope without
     * locking: a glance, not a consistent snapshot.
     *
     * @return the in-flight requests, longest running first
     */
    public List<InFlightRequest> inFlight() {
        List<InFlightRequest> out = new ArrayList<>();
        Set<RequestScope> onThreads = Collections.newSetFromMap(new IdentityHashMap<>());
        long now = clock.monotonicTime();
        Thread self = Thread.currentThread();
        for (ScopeThreads.Entry entry : threads.entries()) {
            Thread thread = entry.thread().get();
            RequestScope scope = thread == null ? null : entry.state().current;
            if (thread == null || scope == null || !thread.isAlive()) {
                continue;
            }
            onThreads.add(scope);
            if (thread != self) {
                addInFlight(out, scope, now, thread.getName(), InFlightRequest.State.RUNNING);
            }
        }
        for (RequestScope scope : detachedScopes.snapshot()) {
            if (!onThreads.contains(scope)) {
                addInFlight(out, scope, now, null, InFlightRequest.State.DETACHED);
            }
        }
        out.sort((a, b) -> Long.compare(b.elapsedNanos(), a.elapsedNanos()));
        return List.copyOf(out);
    }

    private void addInFlight(List<InFlightRequest> out, RequestScope scope, long now, @Nullable String threadName,
                             InFlightRequest.State state) {
        if (!scope.isOpen() || scope.perfMonOrNull() != this) {
            return;
        }
        String route = scope.route();
        long elapsed = now - scope.startNanos();
        Segment kind = scope.activeKind();
        String label = kind == null ? null : scope.activeLabel();
        long in = kind == null ? 0 : Math.max(0, now - scope.activeSince());
        if (scope.isOpen() && elapsed >= 0) {
            out.add(new InFlightRequest(route, elapsed, threadName, kind == null ? null : kind.name(), label, in, state));
        }
    }

    /** @return every thread's scope state and the spare scopes of ended ones, for tests */
    ScopeThreads scopeThreads() {
        return threads;
    }

    /** @return the open scopes detached from every thread */
    DetachedScopes detachedScopes() {
        return detachedScopes;
    }

    /** Adds time to a segment of the current scope; does nothing outside a scope. */
    public void recordSegment(Segment segment, long nanos) {
        RequestScope scope = currentScope();
        if (scope != null) {
            scope.recordSegment(segment, nanos);
        }
    }

    /** Adds one to a counter of the current scope; does nothing outside a scope. */
    public void increment(ScopeCounter counter) {
        RequestScope scope = currentScope();
        if (scope != null) {
            scope.increment(counter);
        }
    }

    /**
     * Times the application's own dependency as a named segment of the current scope:
     * {@code perfMon.timeSegment(Segment.of("kafka.send"), () -> producer.send(record).get())}.
     * The task's exceptions pass through unchanged; the time is recorded either way.
     */
    public <T> T timeSegment(Segment segment, Callable<T> task) throws Exception {
        long start = clock.monotonicTime();
        try {
            return task.call();
        } finally {
            recordTimed(segment, start);
        }
    }

    private void recordTimed(Segment segment, long start) {
        RequestScope scope = currentScope();
        if (scope != null) {
            long nanos = clock.monotonicTime() - start;
            scope.recordSegment(segment, nanos);
            scope.timeline(segment, null, start, nanos);
        }
    }

    /** Like {@link #timeSegment(Segment, Callable)} for work that returns nothing and throws nothing checked. */
    public void runSegment(Segment segment, Runnable task) {
        long start = clock.monotonicTime();
        try {
            task.run();
        } finally {
            recordTimed(segment, start);
        }
    }

    /** @return {@code task} carrying the current scope, or {@code task} itself outside a scope */
    public Runnable wrap(Runnable task) {
        RequestScope scope = currentScope();
        return scope == null ? task : scope.wrap(task);
    }

    /** @return {@code task} carrying the current scope, or {@code task} itself outside a scope */
    public <T> Callable<T> wrap(Callable<T> task) {
        RequestScope scope = currentScope();
        return scope == null ? task : scope.wrap(task);
    }

    /**
     * For {@code CompletableFuture.supplyAsync(perfMon.wrapSupplier(() -> ...))}; named apart
     * from {@code wrap} so that lambdas are never ambiguous between Callable and Supplier.
     *
     * @return {@code task} carrying the current scope, or {@code task} itself outside a scope
     */
    public <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        RequestScope scope = currentScope();
        return scope == null ? task : scope.wrapSupplier(task);
    }

    /**
     * @return an executor that carries the submitting thread's scope into each task; pass it
     *     to {@code CompletableFuture.supplyAsync(..., executor)} for asynchronous hops
     */
    public Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(wrap(task));
    }

    /** @return an executor service that carries the submitting thread's scope into each task */
    public ExecutorService wrap(ExecutorService executor) {
        return new ScopePropagatingExecutorService(this, executor);
    }

    /**
     * Registers a hook every scope runs when it closes (module end-of-scope analysis).
     *
     * @param hook the hook
     */
    public synchronized void addScopeHook(ScopeHook hook) {
        Objects.requireNonNull(hook, "hook");
        ScopeHook[] next = Arrays.copyOf(hooks, hooks.length + 1);
        next[hooks.length] = hook;
        hooks = next;
    }

    void completeScope(RequestScope scope, long durationNanos) {
        RequestSampler samples = sampler;
        ScopeThreadState closer = samples == null ? null : closingThreadState(scope);
        if (closer != null) {
            closer.closing = scope;
        }
        try {
            for (ScopeHook hook : hooks) {
                try {
                    hook.onClose(scope);
                } catch (RuntimeException | LinkageError failure) {
                    errors.record("scope-hook", failure);
                }
            }
        } finally {
            if (closer != null) {
                closer.closing = null;
            }
        }
        if (samples != null && closer != null) {
            try {
                samples.onClose(scope, durationNanos, closer);
            } catch (RuntimeException | LinkageError failure) {
                errors.record("request-samples", failure);
            }
        }
        breakdown.publish(scope);
        if (events.hasListeners() && durationNanos > config.slowRequestThreshold().toNanos()) {
            publish(new SlowRequest(scope.route(), Duration.ofNanos(durationNanos),
                    config.slowRequestThreshold(), now()));
        }
    }

    /** @return the closing thread's scope state: the scope's own when its opening thread closes it, read without the thread-local */
    private ScopeThreadState closingThreadState(RequestScope scope) {
        ScopeThreadState own = scope.ownerStateOnOwnerThread();
        return own != null ? own : threads.current();
    }

    // ---- events --------------------------------------------------------------------------

    /** Adds a listener for every event. */
    public void addListener(PerfMonListener listener) {
        events.add(listener);
    }

    /**
     * Adds a listener for events of one type.
     *
     * @return the registered listener, to pass to {@link #removeListener(PerfMonListener)}
     */
    public <E extends PerfMonEvent> PerfMonListener addListener(Class<E> type, Consumer<? super E> listener) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(listener, "listener");
        PerfMonListener typed = event -> {
            if (type.isInstance(event)) {
                listener.accept(type.cast(event));
            }
        };
        events.add(typed);
        return typed;
    }

    /** @return whether the listener was registered and is now removed */
    public boolean removeListener(PerfMonListener listener) {
        return events.remove(listener);
    }

    /**
     * @return whether any listener is registered; publishers check this before building an
     *     event, so that nothing is allocated while nobody listens
     */
    public boolean hasListeners() {
        return events.hasListeners();
    }

    /** Delivers an event to every listener; listener failures are contained and counted. */
    public void publish(PerfMonEvent event) {
        if (sampler != null && event != null) {
            RequestScope closing = threads.current().closing;
            if (closing != null) {
                closing.noteFinding(event.kind() + ": " + event.summary());
            }
        }
        events.publish(event);
    }

    /** @return the clock's wall time as an instant, for event timestamps */
    public Instant now() {
        return Instant.ofEpochMilli(clock.wallTime());
    }

    // ---- guards and failures -------------------------------------------------------------

    /**
     * The one decision of which routes keep their own tag values, shared by every meter keyed by
     * route in every module: a route is kept by all of them or folded into the overflow value by all
     * of them.
     *
     * @return this instance's route guard
     */
    public RouteGuard routeGuard() {
        return routeGuard;
    }

    /**
     * @return a new guard with the configured cap and overflow value, for one tag of one meter that
     *     is not keyed by route (routes go through {@link #routeGuard()})
     */
    public TagValueGuard newTagValueGuard() {
        return new TagValueGuard(config.maxTagValues(), config.overflowTagValue());
    }

    /**
     * Records a failure inside perfmon instrumentation: counted as
     * {@code perfmon.internal.errors{component}} (and in memory, {@link #failureCount}) and
     * logged once per component, exactly once however many threads fail at once. Modules call
     * this instead of letting their own failure reach the application.
     *
     * @param component a fixed, short name of the failing part
     * @param failure what was thrown
     */
    public void recordFailure(String component, Throwable failure) {
        errors.record(component, failure);
    }

    /**
     * @return how many failures the component has recorded, lost measurements included; exact
     *     even when the registry refuses {@code perfmon.internal.errors} itself
     */
    public long failureCount(String component) {
        return errors.count(component);
    }

    /**
     * @return how many measurements the component could not record: records that threw and
     *     records absorbed by the stand-in of a meter the registry refused
     */
    public long lostMeasurements(String component) {
        return errors.lost(component);
    }

    /**
     * @param component a fixed, short name of the registering part; its failures are counted under it
     * @return a registrar whose meters never throw at registration: a refused meter is replaced
     *     by a stand-in that counts each of its records as a lost measurement of the component
     */
    public ContainedMeters meters(String component) {
        Objects.requireNonNull(component, "component");
        return new ContainedMeters(registry, errors, component);
    }

    /**
     * The diagnoses the report runs for this instance. Modules register theirs when their
     * decorators are built ({@code PerfMonDataSource}, a cache recorder, ...); an application
     * adds its own the same way, and the report ranks and renders them beside core's.
     *
     * @return this instance's diagnoses
     */
    public Diagnoses diagnoses() {
        return diagnoses;
    }

    // ---- lifecycle -----------------------------------------------------------------------

    /**
     * Binds Micrometer's own JVM and system binders (class loaders, memory, GC, threads,
     * processor CPU, uptime, file descriptors) to the registry. Idempotent. A binder the registry
     * refuses is counted as a failure of {@code jvm-metrics} and the others are bound; this never throws.
     *
     * @return this instance
     */
    public synchronized PerfMon bindJvmMetrics() {
        if (!jvmMetricsBound) {
            jvmMetricsBound = true;
            closeables.push(JvmMetrics.bindTo(meters(JvmMetrics.COMPONENT)));
        }
        return this;
    }

    /**
     * Registers something to close with this instance (a scheduler, a binder), last in first out.
     *
     * @param resource what to close
     */
    public synchronized void closeOnClose(AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        if (closed) {
            closeQuietly(resource);
        } else {
            closeables.push(resource);
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** Stops background work and closes what was registered with it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        threads.clear();
        detachedScopes.clear();
        while (!closeables.isEmpty()) {
            closeQuietly(closeables.pop());
        }
    }

    private void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception failure) {
            errors.record("close", failure);
        }
    }

    @Override
    public String toString() {
        return "PerfMon#" + id;
    }

    /** Builds a {@link PerfMon}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private PerfMonConfig config = PerfMonConfig.defaults();
        private @Nullable Clock clock;
        private final List<PerfMonListener> listeners = new ArrayList<>();
        private RequestSampling sampling = RequestSampling.defaults();
        private @Nullable TraceIdSource traceIds;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Sets the configuration; default {@link PerfMonConfig#defaults()}. */
        public Builder config(PerfMonConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Sets the clock; default the registry's clock. Tests inject a mock clock here. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets which requests are kept whole and within what memory; default {@link RequestSampling#defaults()}. */
        public Builder requestSampling(RequestSampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /** Sets where a kept request's trace id is read from; default none. */
        public Builder traceIds(TraceIdSource source) {
            this.traceIds = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Adds a listener registered before any event can be published. */
        public Builder listener(PerfMonListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @return the new instance */
        public PerfMon build() {
            return new PerfMon(this);
        }
    }
}
