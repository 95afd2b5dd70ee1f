package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every thread's {@link ScopeThreadState} for one {@link PerfMon}: made on the thread's first scope
 * and listed for {@link PerfMon#inFlight()}. The entries of threads that ended are pruned once the
 * threads registered since the last prune reach the number alive at it (at least
 * {@value #MIN_PRUNE_INTERVAL}), so a thread's first scope does constant work on average however many
 * threads are alive: with a virtual thread per request, a scan on every new thread would make each
 * request pay for every other request in flight. Entries hold their thread weakly. The spare scope
 * an ended thread kept goes to {@link SpareScopes} for new threads' first scopes.
 */
final class ScopeThreads {

    /** Registrations between two prunes at least; more when more threads were alive at the last. */
    static final int MIN_PRUNE_INTERVAL = 64;

    private final ThreadLocal<ScopeThreadState> states = ThreadLocal.withInitial(this::register);
    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sincePrune = new AtomicInteger();
    private volatile int pruneInterval = MIN_PRUNE_INTERVAL;
    private final SpareScopes spares = new SpareScopes();
    /**
     * Held by the one prune at a time: two at once could both see an ended thread before either
     * removed it and hand its spare scope on twice, to two threads. A prune due while another runs
     * is left to the next registration; nothing waits.
     */
    private final ReentrantLock pruning = new ReentrantLock();

    /** A thread and its scope state. */
    record Entry(WeakReference<Thread> thread, ScopeThreadState state) {
    }

    /** @return the calling thread's state, made and registered on its first call */
    ScopeThreadState current() {
        return states.get();
    }

    /** @return the registered entries, ended threads not yet pruned included */
    Iterable<Entry> entries() {
        return entries;
    }

    /** @return how many entries are kept now */
    int size() {
        return entries.size();
    }

    /** @return the spare scope of a thread that ended, or null */
    @Nullable RequestScope takeSpare() {
        return spares.take();
    }

    /** @return how many spare scopes of ended threads are kept now */
    int sparesKept() {
        return spares.size();
    }

    void clear() {
        entries.clear();
        spares.clear();
    }

    private ScopeThreadState register() {
        ScopeThreadState state = new ScopeThreadState();
        entries.add(new Entry(new WeakReference<>(Thread.currentThread()), state));
        int registered = sincePrune.incrementAndGet();
        // One registration past the interval prunes; a lost race leaves it to the next one.
        if (registered >= pruneInterval && pruning.tryLock()) {
            try {
                sincePrune.set(0);
                pruneEnded();
            } finally {
                pruning.unlock();
            }
        }
        return state;
    }

    /** @return the lock a prune holds, for tests */
    ReentrantLock pruneLock() {
        return pruning;
    }

    private void pruneEnded() {
        int startable = pruneInterval; // the threads that register before the next prune, at least
        int alive = 0;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            Thread thread = entry.thread.get();
            if (thread == null || !thread.isAlive()) {
                it.remove();
                handOn(entry.state, startable);
            } else {
                alive++;
            }
        }
        pruneInterval = Math.max(MIN_PRUNE_INTERVAL, alive);
    }

    /**
     * Hands the spare scope of a thread that ended (seen not alive, or collected) on to new
     * threads; its thread kept it with a release store, read here with a volatile one.
     */
    private void handOn(ScopeThreadState ended, int startable) {
        RequestScope spare = ended.takeSpare();
        if (spare != null) {
            spares.give(spare, startable);
        }
    }
}
