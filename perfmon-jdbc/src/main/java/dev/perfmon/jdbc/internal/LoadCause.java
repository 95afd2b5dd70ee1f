package dev.perfmon.jdbc.internal;

import java.util.Objects;

/**
 * Why an ORM is about to run a statement: the association or lookup behind it and the fix to
 * consider. Set by the Hibernate integration just before the load, consumed by the next
 * statement on that thread. Holds no entity data, only mapping names.
 */
public final class LoadCause {

    private final String association;
    private final String suggestion;
    private final boolean batched;

    /**
     * @param association what is loaded, such as {@code Post.comments}
     * @param suggestion the fix to consider
     * @param batched whether the load fetches a batch of owners at once (not an N+1 round trip)
     */
    public LoadCause(String association, String suggestion, boolean batched) {
        this.association = Objects.requireNonNull(association, "association");
        this.suggestion = Objects.requireNonNull(suggestion, "suggestion");
        this.batched = batched;
    }

    public String association() {
        return association;
    }

    public String suggestion() {
        return suggestion;
    }

    public boolean batched() {
        return batched;
    }

    @Override
    public String toString() {
        return association + (batched ? " (batched)" : "");
    }
}
