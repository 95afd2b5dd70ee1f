package dev.perfmon.jdbc.internal;

/**
 * How a statement's keyset cursors moved across its executions in one scope: paging advances a
 * cursor one way, page after page (a restart from the first value is a new pass, not a step
 * back), while a per-row lookup that has the shape of paging binds values that jump back and
 * forth. A value that never moves is a plain filter, not a cursor. Guarded by the owning
 * {@link ScopeStatements}.
 */
final class CursorTrend {

    private final long[] first;
    private final long[] last;
    private final byte[] direction;
    private final boolean[] broken;
    private boolean unknown;
    private boolean seen;

    CursorTrend(int cursors) {
        this.first = new long[cursors];
        this.last = new long[cursors];
        this.direction = new byte[cursors];
        this.broken = new boolean[cursors];
    }

    /** @return the account of a trend of {@code cursors} cursors, for the budget */
    static int bytes(int cursors) {
        return 64 + cursors * 24;
    }

    void add(long[] values) {
        int n = Math.min(values.length, first.length);
        for (int i = 0; i < n; i++) {
            long v = values[i];
            if (v == CursorValues.UNKNOWN) {
                unknown = true;
                continue;
            }
            if (!seen) {
                first[i] = v;
            } else if (v != last[i]) {
                byte step = (byte) (v > last[i] ? 1 : -1);
                if (direction[i] == 0) {
                    direction[i] = step;
                } else if (step != direction[i] && v != first[i]) {
                    broken[i] = true;
                }
            }
            last[i] = v;
        }
        seen = true;
    }

    /**
     * @return whether a cursor jumped back and forth (a per-row lookup with the shape of paging);
     *     false when every comparable cursor moved one way or not at all, or when a value could
     *     not be compared (the statement's shape then decides, as paging)
     */
    boolean perRow() {
        if (unknown) {
            return false;
        }
        for (boolean b : broken) {
            if (b) {
                return true;
            }
        }
        return false;
    }
}
