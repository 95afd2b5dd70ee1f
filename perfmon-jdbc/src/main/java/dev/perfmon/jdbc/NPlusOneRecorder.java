package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects the N+1 and duplicate-query findings of a {@link PerfMon}, for test suites: build the
 * data source with {@link NPlusOneConfig#strict()}, run the code under test in a scope, then
 * fail the test on any finding.
 *
 * <pre>{@code
 * try (NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon)) {
 *     try (RequestScope scope = perfMon.openScope("test:list posts")) {
 *         service.listPosts();
 *     }
 *     recorder.assertNone();   // NPlusOneAssertionError listing each finding
 * }
 * }</pre>
 *
 * Findings are published when their scope closes, so assert after closing it. Thread-safe.
 */
public final class NPlusOneRecorder implements AutoCloseable {

    private final PerfMon perfMon;
    private final List<PerfMonEvent> findings = new CopyOnWriteArrayList<>();
    private final PerfMonListener listener;

    private NPlusOneRecorder(PerfMon perfMon) {
        this.perfMon = perfMon;
        this.listener = event -> {
            if (event instanceof NPlusOneDetected || event instanceof DuplicateQuery) {
                findings.add(event);
            }
        };
        perfMon.addListener(listener);
    }

    /**
     * @param perfMon the instance the data sources under test report to
     * @return a recorder listening from now until {@link #close()}
     */
    public static NPlusOneRecorder attach(PerfMon perfMon) {
        return new NPlusOneRecorder(Objects.requireNonNull(perfMon, "perfMon"));
    }

    /** @return the N+1 findings so far, in publication order */
    public List<NPlusOneDetected> nPlusOnes() {
        return only(NPlusOneDetected.class);
    }

    /** @return the duplicate-query findings so far, in publication order */
    public List<DuplicateQuery> duplicates() {
        return only(DuplicateQuery.class);
    }

    /** @return every finding so far, in publication order */
    public List<PerfMonEvent> all() {
        return List.copyOf(findings);
    }

    /** @throws NPlusOneAssertionError if any N+1 or duplicate query was found */
    public void assertNone() {
        if (!findings.isEmpty()) {
            throw new NPlusOneAssertionError(all());
        }
    }

    /** @throws NPlusOneAssertionError if any N+1 was found (duplicates are tolerated) */
    public void assertNoNPlusOne() {
        List<NPlusOneDetected> found = nPlusOnes();
        if (!found.isEmpty()) {
            throw new NPlusOneAssertionError(new ArrayList<>(found));
        }
    }

    /** Forgets the findings so far. */
    public void clear() {
        findings.clear();
    }

    /** Stops listening. */
    @Override
    public void close() {
        perfMon.removeListener(listener);
    }

    private <T extends PerfMonEvent> List<T> only(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (PerfMonEvent event : findings) {
            if (type.isInstance(event)) {
                result.add(type.cast(event));
            }
        }
        return result;
    }
}
