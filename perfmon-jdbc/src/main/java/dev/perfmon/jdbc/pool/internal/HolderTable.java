package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who holds the connections of one pool. HikariCP's tracker callbacks carry no connection
 * identity, so borrows are kept per thread: the borrower's thread pushes, the closing thread
 * pops. A close on a thread that borrowed nothing is matched to the holder whose borrow time
 * best fits the usage HikariCP reports.
 *
 * <p>The hot path touches only the calling thread's {@link Holding} (a thread-local lookup and
 * plain stores); the set of all holdings is written once per thread and read by the sampler.
 */
final class HolderTable {

    private final ThreadLocal<Holding> local = ThreadLocal.withInitial(this::register);
    private final Set<Holding> all = ConcurrentHashMap.newKeySet();
    /** Connections already in use when perfmon attached to a running pool; their returns match nobody. */
    private final AtomicInteger untracked = new AtomicInteger();

    private Holding register() {
        Holding holding = new Holding(Thread.currentThread());
        all.add(holding);
        return holding;
    }

    /** @param route the borrowing route, or {@code null} for a borrow the sampler must not show */
    void borrowed(@Nullable String route, long now, @Nullable Throwable site) {
        local.get().push(route, now, site);
    }

    void returned(long now, long usageNanos) {
        if (!local.get().pop(now, usageNanos)) {
            returnedElsewhere(now, usageNanos);
        }
    }

    void undoBorrow() {
        local.get().undoPush();
    }

    /** Connections in use before perfmon attached: their returns are expected to match nobody. */
    void untracked(int connections) {
        untracked.set(Math.max(0, connections));
    }

    private void returnedElsewhere(long now, long usageNanos) {
        if (untracked.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return;
        }
        long borrowedAt = now - usageNanos;
        Holding best = null;
        long bestDistance = Long.MAX_VALUE;
        Thread self = Thread.currentThread();
        for (Holding holding : all) {
            if (holding.owner == self || holding.depth() == 0) {
                continue;
            }
            int from = holding.firstHeldSlot();
            int to = Math.min(holding.rawDepth(), Holding.SLOTS);
            long distance = Long.MAX_VALUE - 1; // held, but deeper than the tracked slots
            for (int s = from; s < to; s++) {
                distance = Math.min(distance, Math.abs(holding.since[s] - borrowedAt));
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = holding;
            }
        }
        if (best != null) {
            best.foreign.incrementAndGet();
        }
    }

    /** @return connections borrowed and not yet returned, as far as perfmon saw */
    int count() {
        int count = 0;
        for (Holding holding : all) {
            count += holding.depth();
        }
        return count;
    }

    /** Visits every tracked borrow still held (sampler thread). */
    void forEachHeld(HeldVisitor visitor) {
        for (Holding holding : all) {
            int depth = holding.rawDepth();
            if (depth == 0) {
                continue;
            }
            int to = Math.min(depth, Holding.SLOTS);
            for (int s = holding.firstHeldSlot(); s < to; s++) {
                String route = holding.routes[s];
                if (route != null) {
                    visitor.visit(holding, s, route, holding.since[s], holding.sites[s]);
                }
            }
        }
    }

    /** @return every thread's holding (the sampler filters by {@link Holding#depth()}) */
    Iterable<Holding> holdings() {
        return all;
    }

    /** Forgets holdings of threads that ended holding nothing. */
    void prune() {
        all.removeIf(holding -> holding.rawDepth() == 0 && !holding.owner.isAlive());
    }

    void clear() {
        all.clear();
    }

    /** Receives one held borrow. */
    interface HeldVisitor {
        void visit(Holding holding, int slot, String route, long since, @Nullable Throwable site);
    }
}
