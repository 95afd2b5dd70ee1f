package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.internal.PauseState;
import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pauses N+1 and duplicate analysis around a loop that is meant to run one statement per item
 * (a migration, a deliberate per-row lookup). Statements are still timed and counted; they are
 * only left out of the analysis of the current scope, for every {@link PerfMonDataSource}.
 *
 * <pre>{@code
 * try (NPlusOne.Pause ignored = NPlusOne.pause(perfMon)) {
 *     for (long id : ids) {
 *         repository.touch(id);
 *     }
 * }
 * }</pre>
 *
 * Pauses nest; outside a scope there is nothing to pause.
 */
public final class NPlusOne {

    private static final Pause NOTHING = new Pause(null);

    private NPlusOne() {
    }

    /**
     * @param perfMon the instance whose current scope to pause
     * @return the pause, to close (or {@link Pause#resume()}) when the intended loop is over
     */
    public static Pause pause(PerfMon perfMon) {
        RequestScope scope = Objects.requireNonNull(perfMon, "perfMon").currentScope();
        return scope == null ? NOTHING : pause(scope);
    }

    /**
     * @param scope the scope to pause
     * @return the pause, to close (or {@link Pause#resume()}) when the intended loop is over
     */
    public static Pause pause(RequestScope scope) {
        return new Pause(PauseState.pause(Objects.requireNonNull(scope, "scope")));
    }

    /** One pause of one scope; resuming twice has no further effect. */
    public static final class Pause implements AutoCloseable {
        private final @Nullable AtomicInteger depth;
        private boolean resumed;

        private Pause(@Nullable AtomicInteger depth) {
            this.depth = depth;
        }

        /** Ends this pause. */
        public synchronized void resume() {
            if (!resumed && depth != null) {
                resumed = true;
                PauseState.resume(depth);
            }
        }

        /** Same as {@link #resume()}. */
        @Override
        public void close() {
            resume();
        }
    }
}
