package dev.perfmon.jdbc.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection acquisitions in progress on one pool, as registered by perfmon's DataSource
 * decorator around the pool's {@code getConnection}: which threads wait right now, for which
 * route and since when. HikariCP tells its metrics tracker about a wait only once it is over;
 * this board lets the pool monitor name the threads still queued when an exhaustion episode opens.
 *
 * <p>The hot path touches only the calling thread's {@link PendingAcquisition} (a thread-local
 * lookup and a few plain stores); the set of all of them is written once per thread and read by
 * the sampler, which also forgets the records of threads that ended.
 */
public final class PendingAcquisitions {

    private final ThreadLocal<PendingAcquisition> local = ThreadLocal.withInitial(this::register);
    private final Set<PendingAcquisition> all = ConcurrentHashMap.newKeySet();

    private PendingAcquisition register() {
        PendingAcquisition acquisition = new PendingAcquisition(Thread.currentThread());
        all.add(acquisition);
        return acquisition;
    }

    /**
     * Registers the calling thread's acquisition; pair it with {@link PendingAcquisition#end()}
     * in a {@code finally} on the same thread.
     *
     * @param route the current scope's route, {@code none} outside a scope
     * @param start the clock's monotonic time when {@code getConnection} was called
     * @return the thread's record
     */
    public PendingAcquisition begin(String route, long start) {
        PendingAcquisition acquisition = local.get();
        acquisition.begin(route, start);
        return acquisition;
    }

    /**
     * Visits every acquisition that has been in progress for at least {@code minNanos} at
     * {@code now} (sampler thread).
     *
     * @param now the clock's monotonic time, the same clock the decorator started the waits with
     * @param minNanos shorter waits are an uncontended pool handing out a connection, not waiting
     * @param visitor receives each wait's route and how long it has lasted so far
     */
    public void forEachWaiting(long now, long minNanos, WaitVisitor visitor) {
        PendingAcquisition.Waiting read = new PendingAcquisition.Waiting();
        for (PendingAcquisition acquisition : all) {
            if (acquisition.read(read)) {
                long waited = now - read.since;
                if (waited >= minNanos) {
                    visitor.visit(read.route, waited);
                }
            }
        }
    }

    /** Forgets the records of threads that ended (sampler thread). */
    public void prune() {
        all.removeIf(acquisition -> !acquisition.owner.isAlive());
    }

    /** Receives one acquisition in progress. */
    @FunctionalInterface
    public interface WaitVisitor {
        /**
         * @param route the waiting scope's route
         * @param waitedNanos how long the thread has waited so far
         */
        void visit(String route, long waitedNanos);
    }
}
