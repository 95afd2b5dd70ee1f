package dev.perfmon.jdbc.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One thread's connection acquisition in progress on one pool: the route it waits for and since
 * when. Preallocated once per thread and pool and reused by every {@code getConnection} of that
 * thread, so registering a wait allocates nothing.
 *
 * <p>Written by the owning thread only; read by the pool monitor's sampler. {@code seq} is odd
 * while the thread waits. The owner stores the fields and then publishes with a release store of
 * an odd {@code seq}; a reader trusts the fields only if it read the same odd {@code seq} before
 * and after them (a sequence lock with a single writer).
 */
public final class PendingAcquisition {

    /**
     * Release stores of {@code seq}. A field updater rather than a {@code VarHandle}: a borrow runs
     * deep in the request's compiled code, where a handle the JIT does not inline costs several
     * type-checking calls per access, an updater one call.
     */
    private static final AtomicIntegerFieldUpdater<PendingAcquisition> SEQ =
            AtomicIntegerFieldUpdater.newUpdater(PendingAcquisition.class, "seq");

    final Thread owner;
    private String route = "";
    private long since;
    /** Owner only: acquisitions nested on this thread (two decorators of one pool); the outermost is published. */
    private int nested;
    /** Written by the owner only, with release stores ({@link #SEQ}); read by the sampler. */
    private volatile int seq;

    PendingAcquisition(Thread owner) {
        this.owner = owner;
    }

    /** Owner thread: a {@code getConnection} for {@code route} started at {@code start}. */
    void begin(String route, long start) {
        if (nested++ > 0) {
            return;
        }
        // The field stores must not become visible before the even seq that ended the previous wait.
        VarHandle.storeStoreFence();
        this.route = route;
        this.since = start;
        SEQ.lazySet(this, seq + 1);
    }

    /** Owner thread: the {@code getConnection} begun last returned or threw. */
    public void end() {
        if (nested == 0 || --nested > 0) {
            return;
        }
        SEQ.lazySet(this, seq + 1);
    }

    /**
     * Sampler: reads a consistent view of the wait in progress, if any.
     *
     * @return whether the thread was waiting; {@code into} then holds its route and start
     */
    boolean read(Waiting into) {
        int before = seq;
        if ((before & 1) == 0) {
            return false;
        }
        String r = route;
        long s = since;
        VarHandle.loadLoadFence();
        if (seq != before) {
            return false; // the wait ended (and maybe another began) while reading
        }
        into.route = r;
        into.since = s;
        return true;
    }

    /** A mutable holder for one read, reused by the sampler. */
    static final class Waiting {
        String route = "";
        long since;
    }
}
