package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.internal.ScopeLog;
import dev.perfmon.jdbc.internal.StatementLogs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records, for tests, what every scope of a {@link PerfMon} ran while the log is attached: each
 * statement shape with its type, round trips and call sites, and for each scope that closes,
 * its {@link StatementCounts}. Scopes on any thread count: requests served by a container's
 * worker threads as much as the test's own scope.
 *
 * <pre>{@code
 * try (StatementLog log = StatementLog.start(perfMon)) {
 *     http.send(request, ofString());              // served on a container thread
 *     log.awaitOpenScopes(Duration.ofSeconds(5));  // its scope may close after the response is read
 *     assertThat(log.scopes()).extracting(s -> s.counts().select()).containsExactly(1L);
 * }
 * }</pre>
 *
 * <p>Costs nothing measurable while no log is attached (one volatile read per round trip);
 * while attached, the statements of the watched instance are walked for their call site
 * (a shape's first 64 round trips per scope), which is meant for tests, not production.
 * A closing scope is reported once every {@link PerfMonDataSource} of the instance has analysed
 * it, so its N+1 and duplicate findings are published by then. Only scopes that ran a statement
 * while the log was attached are reported. Thread-safe.
 */
public final class StatementLog implements AutoCloseable {

    private final PerfMon perfMon;
    private final List<LoggedScope> scopes = new CopyOnWriteArrayList<>();
    private final Set<RequestScope> open = ConcurrentHashMap.newKeySet();
    private final Object changes = new Object();
    private final StatementLogs.Sink sink = new StatementLogs.Sink() {
        @Override
        public PerfMon perfMon() {
            return perfMon;
        }

        @Override
        public void scopeStarted(RequestScope scope) {
            open.add(scope);
        }

        @Override
        public void scopeClosed(RequestScope scope) {
            closed(scope);
        }
    };

    private StatementLog(PerfMon perfMon) {
        this.perfMon = perfMon;
        StatementLogs.add(sink);
    }

    /**
     * @param perfMon the instance whose data sources and scopes to watch
     * @return a log attached from now until {@link #close()}
     */
    public static StatementLog start(PerfMon perfMon) {
        return new StatementLog(Objects.requireNonNull(perfMon, "perfMon"));
    }

    private void closed(RequestScope scope) {
        open.remove(scope);
        ScopeLog log = scope.attachmentIfPresent(StatementLogs.KEY);
        scopes.add(new LoggedScope(scope.route(), StatementCounts.of(scope), log == null ? List.of() : log.statements()));
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /** @return the scopes that ran SQL while the log was attached and closed, in closing order */
    public List<LoggedScope> scopes() {
        return List.copyOf(scopes);
    }

    /** @return the round trips of every scope in {@link #scopes()}, added up */
    public StatementCounts counts() {
        StatementCounts sum = StatementCounts.NONE;
        for (LoggedScope scope : scopes) {
            sum = sum.plus(scope.counts());
        }
        return sum;
    }

    /** @return how many scopes ran a statement since the log started and have not closed yet */
    public int openScopes() {
        return open.size();
    }

    /**
     * Waits until every scope that ran a statement since the log started has closed: a request's
     * scope may close just after its client read the response.
     *
     * @param timeout the longest wait
     * @return whether no such scope is open any more
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitOpenScopes(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changes.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Stops recording; {@link #scopes()} keeps what was recorded. */
    @Override
    public void close() {
        StatementLogs.remove(sink);
    }
}
