package dev.perfmon.jdbc.internal;

import dev.perfmon.core.internal.Require;

/**
 * Why an ORM is about to run a statement: the association or lookup behind it and the fix to
 * consider. Set by the Hibernate integration just before the load, consumed by the next
 * statement on that thread. Holds no entity data, only mapping names.
 *
 * @param association what is loaded, such as {@code Post.comments}
 * @param suggestion the fix to consider
 * @param batched whether the load fetches a batch of owners at once (not an N+1 round trip)
 */
public record LoadCause(String association, String suggestion, boolean batched) {

    public LoadCause {
        Require.nonNull("association, suggestion", association, suggestion);
    }

    @Override
    public String toString() {
        return association + (batched ? " (batched)" : "");
    }
}
