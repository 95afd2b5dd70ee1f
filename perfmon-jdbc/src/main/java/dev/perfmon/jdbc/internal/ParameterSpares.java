package dev.perfmon.jdbc.internal;

import dev.perfmon.core.internal.VirtualThreads;
import org.jspecify.annotations.Nullable;

import java.lang.ref.WeakReference;

/**
 * The parameter state of the prepared statements of one platform thread, lent to a statement
 * when it is prepared and taken back when it closes (or its connection does), so a steady-state
 * request allocates none of it. The statement wrapper itself stays a fresh object per prepare.
 *
 * <p>At most {@link #CAPACITY} states are kept per thread; a statement prepared while all are
 * lent gets one of its own, as does every statement on a virtual thread (a fresh thread per
 * request, so keeping state for its next request buys nothing). A state is taken back only on
 * the thread that lent it, so nothing here is shared between threads: a statement closed on
 * another thread, or never closed, keeps its state and is garbage-collected with it. Each loan
 * has a number ({@link ParameterSlots#lease}): a statement holds its state only while the
 * numbers agree, so a second {@code close} or a closed statement used again never reaches the
 * state of the statement it went to next.
 *
 * <p>Container threads outlive a web application, so the thread-local holds only a JDK type, a
 * {@link WeakReference} to the spares: an undeployed application's classes are never kept alive by
 * it. A collection while no statement of the thread is open drops the spares, and the next
 * prepare on the thread allocates them once more.
 */
final class ParameterSpares {

    static final int CAPACITY = 4;

    private static final ThreadLocal<WeakReference<ParameterSpares>> SPARES = new ThreadLocal<>();

    /** Every state this thread lends, lent or free, in the order they were made. */
    private final ParameterSlots[] owned = new ParameterSlots[CAPACITY];
    private int count;

    private ParameterSpares() {
    }

    /** @return parameter state for a statement {@code connection} prepares on the current thread, now lent to it */
    static ParameterSlots lend(TimedConnection connection) {
        if (VirtualThreads.current()) {
            return new ParameterSlots(null);
        }
        ParameterSpares spares = current();
        if (spares == null) {
            spares = new ParameterSpares();
            SPARES.set(new WeakReference<>(spares)); // the first statement of the thread, or after a collection
        }
        return spares.lendOwn(connection);
    }

    private ParameterSlots lendOwn(TimedConnection connection) {
        for (int i = 0; i < count; i++) {
            ParameterSlots slots = owned[i];
            if (slots.isFree()) {
                slots.lendTo(connection);
                return slots;
            }
        }
        if (count == CAPACITY) {
            return new ParameterSlots(null); // all lent: this statement's state is its own
        }
        ParameterSlots slots = new ParameterSlots(this);
        owned[count++] = slots;
        slots.lendTo(connection);
        return slots;
    }

    /**
     * Takes back the state of a statement that closed, when it still holds it and this is the
     * thread that lent it; otherwise the statement keeps it.
     *
     * @param lease the loan number the statement was given
     */
    static void giveBack(ParameterSlots slots, int lease) {
        ParameterSpares home = slots.home;
        if (home != null && home == currentUnlessVirtual() && slots.lease == lease && !slots.isFree()) {
            slots.takeBack();
        }
    }

    /** Takes back the states still lent to statements of {@code connection}, which closed: it closed them. */
    static void giveBackAll(TimedConnection connection) {
        ParameterSpares spares = currentUnlessVirtual();
        if (spares == null) {
            return;
        }
        for (int i = 0; i < spares.count; i++) {
            ParameterSlots slots = spares.owned[i];
            if (slots.isLentTo(connection)) {
                slots.takeBack();
            }
        }
    }

    /** @return how many of this thread's states are lent, for tests */
    static int lentOnThisThread() {
        ParameterSpares spares = currentUnlessVirtual();
        int lent = 0;
        for (int i = 0; spares != null && i < spares.count; i++) {
            lent += spares.owned[i].isFree() ? 0 : 1;
        }
        return lent;
    }

    private static @Nullable ParameterSpares currentUnlessVirtual() {
        // A virtual thread never lends, and asking its thread-local would give it a map.
        return VirtualThreads.current() ? null : current();
    }

    private static @Nullable ParameterSpares current() {
        WeakReference<ParameterSpares> spares = SPARES.get();
        return spares == null ? null : spares.get();
    }
}
