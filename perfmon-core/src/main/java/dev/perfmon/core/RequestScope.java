package dev.perfmon.core;

import dev.perfmon.core.internal.SlotTable;
import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;

/**
 * One unit of work (an HTTP request, a job, a test) and where its time went: named time
 * {@linkplain Segment segments}, {@linkplain ScopeCounter counters}, and typed state modules
 * attach to it. Open one with {@link PerfMon#openScope(String)} in try-with-resources; it is
 * bound to the opening thread until closed, and can be carried to other threads with
 * {@link #wrap(Runnable)}, {@link #wrapSupplier(Supplier)}, {@link #activate()} or the executors of {@link PerfMon}.
 * Work that outlives its thread {@linkplain #detach() detaches} the scope and closes it later.
 *
 * <p>On close, module hooks run (N+1 analysis, for example), then the breakdown is published
 * as {@code perfmon.request.segment{uri,segment}} and {@code perfmon.request.statements{uri}},
 * and the scope is unbound whatever was thrown. Contributions arriving after close are ignored.
 *
 * <p>Scopes that never left their thread are reused for the next scope that thread opens, so
 * steady-state open and close allocate nothing, and once that thread has ended, for the first
 * scope of a new thread (a virtual thread per request reuses the scopes of requests that ended):
 * do not keep a reference past {@link #close()} unless the scope was {@linkplain #retain()
 * retained} (carrying it to another thread does that).
 *
 * <p>Thread-safe: any number of threads may contribute to one scope at once.
 */
public final class RequestScope implements AutoCloseable {

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;
    private static final int SLOTS = 16;
    /*
     * Field updaters rather than VarHandles: a scope opens and closes deep in a request's compiled
     * code, where the JIT may stop inlining, and a handle it does not inline costs several
     * type-checking calls per access where an updater costs one.
     */
    private static final AtomicIntegerFieldUpdater<RequestScope> STATE =
            AtomicIntegerFieldUpdater.newUpdater(RequestScope.class, "state");
    private static final AtomicReferenceFieldUpdater<RequestScope, String> ROUTE =
            AtomicReferenceFieldUpdater.newUpdater(RequestScope.class, String.class, "route");

    /** The owning instance; cleared while the scope waits for reuse, so a thread's spare scope cannot pin it. */
    private @Nullable PerfMon perfMon;
    private final SlotTable<Segment> segments = new SlotTable<>(SLOTS, Segment.OTHER);
    private final SlotTable<ScopeCounter> counters = new SlotTable<>(SLOTS, ScopeCounter.OTHER);

    private volatile int state = CLOSED;
    private volatile boolean escaped;
    /** Detached from its thread while open: listed by the in-flight view until it closes. */
    private volatile boolean detached;
    private volatile String route = "";
    private String name = "";
    private long startNanos;
    private long durationNanos;
    private @Nullable Thread owner;
    private @Nullable ScopeThreadState ownerState;
    private @Nullable RequestScope previous;
    /**
     * Key/value pairs of module attachments: the first {@link #attached} pairs are this scope's,
     * the pairs after them are states of {@linkplain ScopeKey#reusable reusable} keys emptied when
     * an earlier scope of this thread closed, waiting to be asked for again. Guarded by {@code this}.
     */
    /** No attachments yet: an empty table rather than none. */
    private static final Object[] NO_PAIRS = {};
    private Object[] attachments = NO_PAIRS;
    private int attached;
    /** The timeline arrays, allocated on the first step and kept across reuse. */
    private @Nullable Timeline timeline;
    private int timelineCount;
    private boolean sampling;
    /** What the scope is doing now, for the in-flight view: read racily by other threads, which is fine for a glance. */
    private @Nullable Segment activeKind;
    private @Nullable String activeLabel;
    private long activeSince;
    private int status;
    private @Nullable Class<?> failure;
    /** Finding lines published while the scope closed; only allocated when there is one. */
    private String @Nullable [] findings;

    RequestScope() {
    }

    void open(PerfMon perfMon, String name, ScopeThreadState ownerState, @Nullable RequestScope previous) {
        this.perfMon = perfMon;
        this.name = name;
        this.owner = Thread.currentThread();
        this.ownerState = ownerState;
        this.previous = previous;
        this.startNanos = perfMon.clock().monotonicTime();
        this.durationNanos = 0;
        this.timelineCount = 0;
        this.activeKind = null;
        this.status = 0;
        this.failure = null;
        this.findings = null;
        this.detached = false;
        this.sampling = perfMon.samplesRequests();
        // Release stores publish the fields above without the full fence of a volatile store:
        // opening a scope is on every request's path.
        ROUTE.lazySet(this, name);
        STATE.lazySet(this, OPEN);
    }

    /** @return the name the scope was opened with */
    public String name() {
        return name;
    }

    /** @return the route, the opening name until {@link #route(String)} sets another */
    public String route() {
        return route;
    }

    /**
     * Sets the route late, once a framework has resolved it; everything keyed by route uses the
     * final value. Pass a template ({@code /posts/{id}}), never a raw path.
     *
     * @param route the route template
     * @return this scope
     */
    public RequestScope route(String route) {
        this.route = Objects.requireNonNull(route, "route");
        return this;
    }

    /** @return whether the scope is open (not yet closing or closed) */
    public boolean isOpen() {
        return state == OPEN;
    }

    /**
     * Adds time to a segment. Negative durations are ignored.
     *
     * @param segment where the time went
     * @param nanos how long, in nanoseconds
     */
    public void recordSegment(Segment segment, long nanos) {
        if (state == OPEN && nanos >= 0) {
            if (ownedByCurrentThread()) {
                segments.addOwned(segment, nanos);
            } else {
                segments.add(segment, nanos);
            }
        }
    }

    /**
     * Adds a step to the scope's timeline, kept if the request is sampled ({@link PerfMon#requestSamples()}):
     * a statement with its fingerprint, a Redis operation, a pool wait. Stores into arrays the
     * scope keeps across reuse (grown on first need, so a reused scope allocates nothing); past
     * {@link RequestSampling#TIMELINE_ENTRIES} entries only a count is kept. Also ends what {@link #enter} started. Call it where the
     * time is measured anyway, beside {@link #recordSegment(Segment, long)}.
     *
     * @param kind the segment the time belongs to
     * @param label what ran: a fixed or cached string such as a statement fingerprint, never parameters or keys; may be null
     * @param startNanos when it started, on {@link PerfMon#clock()}'s monotonic time
     * @param durationNanos how long it took
     */
    public void timeline(Segment kind, @Nullable String label, long startNanos, long durationNanos) {
        timeline(kind, label, startNanos, durationNanos, TimelineEntry.NO_ROWS);
    }

    /**
     * {@link #timeline(Segment, String, long, long)} for a statement that reports how many rows it
     * changed.
     *
     * @param rows the driver's update count (a batch's sum), or {@link TimelineEntry#NO_ROWS}
     */
    public void timeline(Segment kind, @Nullable String label, long startNanos, long durationNanos, long rows) {
        if (!sampling || state != OPEN || durationNanos < 0) {
            return;
        }
        activeKind = null;
        if (ownedByCurrentThread()) {
            store(timelineCount++, kind, label, startNanos, durationNanos, rows);
        } else {
            synchronized (this) { // several threads of one request: rare, and never contended across requests
                store(timelineCount++, kind, label, startNanos, durationNanos, rows);
            }
        }
    }

    private void store(int index, Segment kind, @Nullable String label, long startNanos, long durationNanos, long rows) {
        if (index >= RequestSampling.TIMELINE_ENTRIES) {
            return; // counted, not kept
        }
        Timeline t = timeline;
        if (t == null || index >= t.kinds.length) {
            t = grow(t);
        }
        t.kinds[index] = kind;
        t.labels[index] = label;
        t.starts[index] = startNanos;
        t.durations[index] = durationNanos;
        t.rows[index] = rows;
    }

    /** Starts small (most requests run a few statements) and doubles up to the bound; a reused scope keeps what it grew to. */
    private Timeline grow(@Nullable Timeline current) {
        Timeline next = new Timeline(current == null ? 8 : Math.min(RequestSampling.TIMELINE_ENTRIES, current.kinds.length * 2));
        if (current != null) {
            int n = current.kinds.length;
            System.arraycopy(current.kinds, 0, next.kinds, 0, n);
            System.arraycopy(current.labels, 0, next.labels, 0, n);
            System.arraycopy(current.starts, 0, next.starts, 0, n);
            System.arraycopy(current.durations, 0, next.durations, 0, n);
            System.arraycopy(current.rows, 0, next.rows, 0, n);
        }
        timeline = next;
        return next;
    }

    /**
     * Says what the scope is doing from now until the matching {@link #timeline} call, for
     * {@link PerfMon#inFlight()}: waiting for a connection, running a statement, in Redis.
     *
     * @param kind the segment being entered
     * @param label what runs there (a statement fingerprint, a Redis operation), or null
     * @param startNanos when it started, on {@link PerfMon#clock()}'s monotonic time
     */
    public void enter(Segment kind, @Nullable String label, long startNanos) {
        if (sampling && state == OPEN) {
            activeLabel = label;
            activeSince = startNanos;
            activeKind = kind;
        }
    }

    /**
     * Records how the request ended, for its sample: the filter calls it before closing.
     *
     * @param status the HTTP status (0 when not HTTP)
     * @param failure what failed the request, or null
     */
    public void outcome(int status, @Nullable Throwable failure) {
        this.status = status;
        this.failure = failure == null ? null : failure.getClass();
    }

    /** Adds one to a counter. */
    public void increment(ScopeCounter counter) {
        add(counter, 1);
    }

    /** Adds {@code amount} to a counter. */
    public void add(ScopeCounter counter, long amount) {
        if (state == OPEN) {
            if (ownedByCurrentThread()) {
                counters.addOwned(counter, amount);
            } else {
                counters.add(counter, amount);
            }
        }
    }

    /**
     * A scope that never left its opening thread is written by that thread alone, so it can
     * skip atomic instructions. Once wrapped or activated elsewhere, every write is atomic.
     */
    private boolean ownedByCurrentThread() {
        if (escaped) {
            return false;
        }
        if (Thread.currentThread() == owner) {
            return true;
        }
        escaped = true; // reached from another thread without wrap(): every later write is atomic
        return false;
    }

    /** @return total nanoseconds recorded into the segment */
    public long segmentNanos(Segment segment) {
        return segments.total(segment);
    }

    /** @return how many times the segment was recorded */
    public long segmentCount(Segment segment) {
        return segments.count(segment);
    }

    /** @return the counter's value */
    public long counter(ScopeCounter counter) {
        return counters.total(counter);
    }

    /** @return whether anything was ever added to the counter (even zero) */
    public boolean hasCounter(ScopeCounter counter) {
        return counters.contains(counter);
    }

    /** Visits every segment recorded so far, in first-recorded order, allocating nothing. */
    public void forEachSegment(SegmentVisitor visitor) {
        for (int i = 0; i < segments.capacity(); i++) {
            Segment segment = segments.keyAt(i);
            if (segment == null) {
                return;
            }
            visitor.visit(segment, segments.totalAt(i), segments.countAt(i));
        }
    }

    /** @return nanoseconds since the scope opened, or its whole duration once closed */
    public long elapsedNanos() {
        PerfMon instance = perfMon; // cleared when a closed scope waits for reuse
        return state == OPEN && instance != null ? instance.clock().monotonicTime() - startNanos : durationNanos;
    }

    /**
     * Returns the module state attached under the key, creating it on first access.
     *
     * @param key the owning module's key
     * @param <T> the state's type
     * @return the state for this scope
     */
    public <T> T attachment(ScopeKey<T> key) {
        synchronized (this) {
            T existing = find(key);
            if (existing != null) {
                return existing;
            }
            Object[] current = attachments;
            int free = -1;
            if (current != null) {
                for (int i = 2 * attached; i < current.length; i += 2) {
                    if (current[i] == key) {
                        return attachAt(i);
                    }
                    if (current[i] == null && free < 0) {
                        free = i;
                    }
                }
            }
            T created = key.newValue();
            if (free < 0) {
                int length = current == null ? 0 : current.length;
                Object[] next = new Object[length + 2];
                if (current != null) {
                    System.arraycopy(current, 0, next, 0, length);
                }
                attachments = next;
                free = length;
            }
            attachments[free] = key;
            attachments[free + 1] = created;
            return attachAt(free);
        }
    }

    /** Makes the pair at {@code index}, past the attached ones, the next attached pair. */
    @SuppressWarnings("unchecked")
    private <T> T attachAt(int index) {
        Object[] pairs = attachments;
        int to = 2 * attached++;
        Object key = pairs[index];
        Object value = pairs[index + 1];
        pairs[index] = pairs[to];
        pairs[index + 1] = pairs[to + 1];
        pairs[to] = key;
        pairs[to + 1] = value;
        return (T) value;
    }

    /** @return the state attached under the key, or {@code null} if none was created */
    public <T> @Nullable T attachmentIfPresent(ScopeKey<T> key) {
        synchronized (this) {
            return find(key);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> @Nullable T find(ScopeKey<T> key) {
        Object[] current = attachments;
        for (int i = 0, end = 2 * attached; i < end; i += 2) {
            if (current[i] == key) {
                return (T) current[i + 1];
            }
        }
        return null;
    }

    /**
     * Empties the attachments of reusable keys for the next scope of this thread and drops the
     * others. A reset that fails or declines drops its state: the next scope creates a new one.
     */
    private void detachAll() {
        Object[] pairs = attachments;
        if (pairs == null) {
            return;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            ScopeKey<?> key = (ScopeKey<?>) pairs[i];
            if (key != null && !resetForReuse(key, pairs[i + 1])) {
                pairs[i] = null;
                pairs[i + 1] = null;
            }
        }
        attached = 0;
    }

    private boolean resetForReuse(ScopeKey<?> key, Object value) {
        try {
            return key.resetForReuse(value);
        } catch (RuntimeException | LinkageError failure) {
            PerfMon owner = perfMon;
            if (owner != null) {
                owner.recordFailure("scope-reuse", failure);
            }
            return false;
        }
    }

    /**
     * Binds this scope to the current thread until the returned activation is closed.
     *
     * @return the activation to close (try-with-resources)
     */
    public ScopeActivation activate() {
        escaped = true;
        ScopeThreadState state = ownerInstance().threadState();
        RequestScope before = state.current;
        state.current = this;
        return new ScopeActivation(state, before);
    }

    /** @return a runnable that runs {@code task} with this scope bound to its thread */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        escaped = true;
        return () -> {
            try (ScopeActivation ignored = activate()) {
                task.run();
            }
        };
    }

    /** @return a callable that calls {@code task} with this scope bound to its thread */
    public <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        escaped = true;
        return () -> {
            try (ScopeActivation ignored = activate()) {
                return task.call();
            }
        };
    }

    /** @return a supplier that calls {@code task} with this scope bound to its thread */
    public <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        escaped = true;
        return () -> {
            try (ScopeActivation ignored = activate()) {
                return task.get();
            }
        };
    }

    /**
     * Keeps this scope from being reused for a later scope once it is closed. Call it before
     * handing the scope to work that may still touch it after close (a reply that can arrive
     * late on an I/O thread): that work then finds a closed scope, whose contributions are
     * ignored, instead of the next request's.
     *
     * @return this scope
     */
    public RequestScope retain() {
        escaped = true;
        return this;
    }

    /**
     * Unbinds this open scope from the current thread without closing it, and binds again what
     * was bound before it was opened (usually nothing). For work that outlives the thread that
     * started it, such as an asynchronous servlet request: the thread goes back to its pool free
     * of the scope, and the scope is closed later from whichever thread completes the work.
     * The scope is {@linkplain #retain() retained}.
     *
     * <p>On the thread that opened it, the scope is unbound together with any inner scope the
     * work opened above it and never closed, so the thread goes back exactly to what it had
     * before. On another thread, only a binding of this very scope (an activation) is removed.
     *
     * <p>Until it closes, {@link PerfMon#inFlight()} lists the open scope while no thread holds it,
     * as an asynchronous request between dispatches.
     *
     * @return whether the scope was bound to this thread and is now unbound
     */
    public boolean detach() {
        escaped = true;
        PerfMon instance = ownerInstance();
        listDetached(instance);
        ScopeThreadState here = instance.threadState();
        if (Thread.currentThread() == owner && boundBelow(here.current)) {
            RequestScope before = previous;
            while (before != null && !before.isOpen()) {
                before = before.previous;
            }
            here.current = before;
            return true;
        }
        if (here.current == this) {
            here.current = null; // an activation elsewhere: this thread's own chain is unknown here
            return true;
        }
        return false;
    }

    /**
     * Registers the open scope with the in-flight view of detached scopes. A close racing on another
     * thread either sees the flag and removes it, or ran before: then the state read here says so.
     */
    private void listDetached(PerfMon instance) {
        if (state != OPEN) {
            return;
        }
        detached = true;
        instance.detachedScopes().add(this);
        if (state != OPEN) {
            instance.detachedScopes().remove(this);
        }
    }

    /** @return whether this scope is {@code top} or under it in the chain of scopes opened on this thread */
    private boolean boundBelow(@Nullable RequestScope top) {
        for (RequestScope s = top; s != null; s = s.previous) {
            if (s == this) {
                return true;
            }
        }
        return false;
    }

    /** Notes a finding published while this scope closes; at most four are kept. */
    void noteFinding(String line) {
        String[] current = findings;
        if (current == null) {
            findings = new String[] {line};
        } else if (current.length < 4) {
            String[] next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = line;
            findings = next;
        }
    }

    String @Nullable [] findings() {
        return findings;
    }

    int status() {
        return status;
    }

    @Nullable Class<?> failure() {
        return failure;
    }

    long startNanos() {
        return startNanos;
    }

    @Nullable Thread owner() {
        return owner;
    }

    @Nullable Timeline timelineArrays() {
        return timeline;
    }

    int timelineCount() {
        return timelineCount;
    }

    @Nullable Segment activeKind() {
        return activeKind;
    }

    @Nullable String activeLabel() {
        return activeLabel;
    }

    long activeSince() {
        return activeSince;
    }

    @Nullable PerfMon perfMonOrNull() {
        return perfMon;
    }

    /** @return the opening thread's scope state when called on that thread, else null */
    @Nullable ScopeThreadState ownerStateOnOwnerThread() {
        return Thread.currentThread() == owner ? ownerState : null;
    }

    @Nullable RequestScope previous() {
        return previous;
    }

    SlotTable<Segment> segments() {
        return segments;
    }

    /**
     * Closes the scope: runs module hooks, publishes the breakdown, unbinds it. Idempotent and
     * safe from any thread; only the first call has an effect.
     */
    @Override
    public void close() {
        if (!STATE.compareAndSet(this, OPEN, CLOSING)) {
            return;
        }
        try {
            PerfMon instance = ownerInstance();
            durationNanos = instance.clock().monotonicTime() - startNanos;
            instance.completeScope(this, durationNanos);
        } finally {
            STATE.lazySet(this, CLOSED);
            PerfMon instance = perfMon;
            if (detached && instance != null) {
                instance.detachedScopes().remove(this);
            }
            unbind();
        }
    }

    private void unbind() {
        ScopeThreadState home = ownerState;
        if (Thread.currentThread() != owner || home == null) {
            // Another thread's binding is cleaned lazily by PerfMon.currentScope().
            escaped = true;
            return;
        }
        if (home.current == this) {
            home.current = previous;
            if (!escaped) {
                recycleInto(home);
            }
        }
    }

    private void recycleInto(ScopeThreadState home) {
        segments.clear();
        counters.clear();
        synchronized (this) {
            detachAll();
        }
        previous = null;
        owner = null;
        ownerState = null;
        // The spare lives in a thread-local of the instance: a reference back to the instance
        // would keep it (and its registry) alive on every pool thread after PerfMon.close().
        perfMon = null;
        home.keepSpare(this);
    }

    private PerfMon ownerInstance() {
        PerfMon owner = perfMon;
        if (owner == null) {
            throw new IllegalStateException("this scope was closed and reused; retain() a scope to use it after close");
        }
        return owner;
    }

    /** The timeline arrays of a scope, reused with it. */
    static final class Timeline {
        final Segment[] kinds;
        final @Nullable String[] labels;
        final long[] starts;
        final long[] durations;
        final long[] rows;

        Timeline(int capacity) {
            kinds = new Segment[capacity];
            labels = new String[capacity];
            starts = new long[capacity];
            durations = new long[capacity];
            rows = new long[capacity];
        }
    }

    @Override
    public String toString() {
        return "RequestScope[" + route + (isOpen() ? ", open" : ", closed") + ']';
    }
}
