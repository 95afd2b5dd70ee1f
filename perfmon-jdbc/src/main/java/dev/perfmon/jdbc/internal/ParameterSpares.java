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
 * the thread that lent it, so nothing here is shared between
 * threads: a statement closed on another thread, or never closed, keeps its state and is
 * garbage-collected with it. Each loan has a number ({@link ParameterSlots#lease}): a statement
 * holds its state only while the numbers agree, so a second {@code close} or a closed statement
 * used again never reaches the state of the statement it went to next.
 *
 * <p>Container threads outlive a web application, so the thread-local holds only a JDK type, a
 * {@link WeakReference} to the spares: an undeployed application's classes are never kept alive by
 * it. A garbage collection while no statement of the thread holds one of its states drops the
 * spares, and the next prepare on the thread allocates them once more: about 150 B per thread per
 * collection.
 */
final class ParameterSpares {

    static final int CAPACITY = 4;

    private static final ThreadLocal<WeakReference<ParameterSpares>> SPARES = new ThreadLocal<>();

    /** The thread that lends these states and alone takes them back. */
    private final Thread thread = Thread.currentThread();
    /** Every state this thread lends, in the order they were made. */
    private final Lent[] owned = new Lent[CAPACITY];
    /** The connection of the statement each state is lent to, null while it is free. */
    private final @Nullable TimedConnection[] lentTo = new TimedConnection[CAPACITY];
    private int count;

    private ParameterSpares() {
    }

    /** @return parameter state for a statement {@code connection} prepares on the current thread, now lent to it */
    static ParameterSlots lend(TimedConnection connection) {
        return VirtualThreads.current() ? new ParameterSlots() : ofPlatformThread().lendOwn(connection);
    }

    /** @return the current platform thread's spares, made if it has none: a test keeps them from collection with it */
    static ParameterSpares ofPlatformThread() {
        ParameterSpares spares = current();
        if (spares == null) {
            spares = new ParameterSpares();
            SPARES.set(new WeakReference<>(spares)); // the first statement of the thread, or after a collection
        }
        return spares;
    }

    private ParameterSlots lendOwn(TimedConnection connection) {
        int i = 0;
        while (i < count && lentTo[i] != null) {
            i++;
        }
        if (i == CAPACITY) {
            return new ParameterSlots(); // all lent: this statement's state is its own
        }
        if (i == count) {
            owned[count++] = new Lent(this, i);
        }
        lentTo[i] = connection;
        return owned[i];
    }

    /**
     * Takes back the state of a statement that closed, when this is the thread that lent it and
     * the statement still holds it; otherwise the statement keeps it.
     *
     * @param lease the loan number the statement was given
     */
    static void giveBack(ParameterSlots slots, int lease) {
        if (slots instanceof Lent lent && lent.home.thread == Thread.currentThread() && lent.lease == lease) {
            lent.home.takeBack(lent.index);
        }
    }

    /** Takes back the states still lent to statements of {@code connection}, which closed: it closed them. */
    static void giveBackAll(TimedConnection connection) {
        ParameterSpares spares = currentUnlessVirtual();
        for (int i = 0; spares != null && i < spares.count; i++) {
            if (spares.lentTo[i] == connection) {
                spares.takeBack(i);
            }
        }
    }

    private void takeBack(int i) {
        if (lentTo[i] != null) {
            owned[i].takeBack();
            lentTo[i] = null;
        }
    }

    /** Slots a thread lends: they know where they go back to, which one statement's own slots need not. */
    private static final class Lent extends ParameterSlots {

        final ParameterSpares home;
        final int index;

        Lent(ParameterSpares home, int index) {
            this.home = home;
            this.index = index;
        }
    }

    /** @return how many of this thread's states are lent, for tests */
    static int lentOnThisThread() {
        ParameterSpares spares = currentUnlessVirtual();
        int lent = 0;
        for (int i = 0; spares != null && i < spares.count; i++) {
            lent += spares.lentTo[i] == null ? 0 : 1;
        }
        return lent;
    }

    /** @return whether this thread still has its spares, for tests: a collection drops them */
    static boolean keptOnThisThread() {
        return currentUnlessVirtual() != null;
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
