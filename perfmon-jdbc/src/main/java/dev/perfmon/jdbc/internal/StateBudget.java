package dev.perfmon.jdbc.internal;

/**
 * The memory the N+1 detector may hold for one scope and data source, by a deterministic
 * account of what it allocates (object and array sizes of a 64-bit JVM with compressed
 * references, rounded up), not a heap measurement. Past the limit, structures are no longer
 * created or grown: the detector folds what it cannot track, and {@link #folded()} says so.
 * Guarded by the owning {@link ScopeStatements}.
 */
final class StateBudget {

    /** A fingerprint's state: {@link StatementStats} and its map entry; its text is added. */
    static final int STATEMENT_BYTES = 128;
    /** One held execution (three longs, an int and two references per slot). */
    static final int PENDING_SLOT_BYTES = 40;
    /**
     * One captured stack: the throwable and its backtrace (one chunk of method, bytecode index,
     * class and name entries per 32 frames), charged for 128 frames.
     */
    static final int TRACE_BYTES = 2048;
    /** A call site's state without its parameter tables. */
    static final int SITE_BYTES = 96;
    /** One slot of a parameter-hash table (a long key and an int count). */
    static final int COUNT_SLOT_BYTES = 12;
    /** A parameter-hash table's object and array headers. */
    static final int COUNTS_BYTES = 64;

    private final long limit;
    private long used;
    private boolean folded;

    StateBudget(long limit) {
        this.limit = limit;
    }

    /** @return whether {@code bytes} more fit; if not, nothing is taken and the state is marked folded */
    boolean tryTake(long bytes) {
        if (used + bytes > limit) {
            folded = true;
            return false;
        }
        used += bytes;
        return true;
    }

    /** Returns what state no longer held took. */
    void give(long bytes) {
        used = Math.max(0, used - bytes);
    }

    /** Starts the account again, for the next scope of a reused state. */
    void reset() {
        used = 0;
        folded = false;
    }

    /** @return the bytes accounted so far, never above the limit */
    long used() {
        return used;
    }

    long limit() {
        return limit;
    }

    /** @return whether anything was refused */
    boolean folded() {
        return folded;
    }
}
