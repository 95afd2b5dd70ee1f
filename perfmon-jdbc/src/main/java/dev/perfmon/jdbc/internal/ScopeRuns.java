package dev.perfmon.jdbc.internal;

/**
 * How many times one statement shape runs per scope, learned from the closed scopes of a data
 * source that ran it: the most executions it had in one scope over the last {@link #SCOPES} such
 * scopes, provided none of them came near a finding (the N+1 threshold reached, a parameter set
 * repeated). While that holds, a new scope need not capture a stack for the shape's first
 * {@link #untraced()} executions: the shape has shown it stops there, and if it does not, those
 * executions count at call site {@code unknown} and the finding says so.
 *
 * <p>Kept beside the shape's cached {@link SqlInfo}, so bounded like that cache: three ints and,
 * for a shape that ever ran more than once in a quiet scope, one array of at most
 * {@link #MAX_UNTRACED} - 1 ints.
 *
 * <p>Racy by design: scopes of one shape close on many threads at once, and a lock or an atomic
 * per scope close would cost more than what it protects. Every field is an {@code int} (a write
 * is never torn) and every race is bounded. A lost {@code quiet} increment delays the learning. A
 * scope number lost or written twice moves a window edge by a scope. A quiet scope cannot undo a
 * reset: once learned, quiet scopes no longer write {@link #quiet}, so only the learning phase can
 * lose a reset, which then counts from a scope close that raced it. Whatever the race, counts stay
 * exact and an execution is never credited to another call site: the worst outcome is a few
 * executions more or fewer traced, each untraced one counted and named as such.
 */
final class ScopeRuns {

    /** Closed scopes that must have run the shape quietly before it is trusted to stop. */
    static final int SCOPES = 64;
    /** The most executions a scope leaves untraced, whatever the shape ran: bounds the array. */
    static final int MAX_UNTRACED = 16;

    private static final int[] NO_LEVELS = new int[0];

    /** Scopes that ran the shape, counted (wraps; only differences are read). */
    private int scopes;
    /** Quiet scopes in a row, up to {@link #SCOPES}; 0 after a scope that came near a finding. */
    private int quiet;
    /**
     * {@code lastAtLeast[i]}: the scope number when the shape last ran at least {@code i + 2}
     * times. A scope that ran it {@code n} times writes every level up to {@code n}, so the
     * levels still inside the window are always a prefix: {@link #levels} long.
     */
    private int[] lastAtLeast = NO_LEVELS;
    /** Levels whose last scope is within the last {@link #SCOPES}: the learned most is {@code levels + 1}. */
    private int levels;

    /**
     * @return how many executions of the shape a new scope leaves untraced: the most it ran in one
     *     of the last {@link #SCOPES} scopes once all of them were quiet, else 0
     */
    int untraced() {
        return quiet >= SCOPES ? levels + 1 : 0;
    }

    /**
     * Learns from a closed scope that ran the shape.
     *
     * @param executions how many times it ran there
     * @param quietScope whether it stayed short of a finding: below the N+1 threshold, no
     *     parameter set repeated, nothing folded
     */
    void ranInScope(int executions, boolean quietScope) {
        int scope = ++scopes;
        if (!quietScope) {
            quiet = 0;
        } else {
            if (quiet < SCOPES) {
                quiet++;
            }
            int top = Math.min(executions, MAX_UNTRACED) - 1;
            if (top > 0) {
                int[] last = lastAtLeast;
                if (last.length == 0) {
                    last = new int[MAX_UNTRACED - 1];
                    lastAtLeast = last;
                }
                for (int i = 0; i < top; i++) {
                    last[i] = scope;
                }
                if (top > levels) {
                    levels = top;
                }
            }
        }
        // Levels leave the window as the scopes go by, checked at every close so none is read
        // after its scope number could have wrapped. Another thread may show a count of levels
        // before the array it made: the count is read against the array at hand.
        int[] last = lastAtLeast;
        int live = Math.min(levels, last.length);
        while (live > 0 && scope - last[live - 1] >= SCOPES) {
            live--;
        }
        levels = live;
    }
}
