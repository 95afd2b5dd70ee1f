package dev.perfmon.jdbc.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeKey;
import dev.perfmon.core.internal.CopyOnWrite;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link dev.perfmon.jdbc.StatementLog}s attached at the moment, for every data source of the
 * JVM. While none is attached, a round trip pays one volatile read here; while one is, the
 * statements of its {@link PerfMon}'s scopes go into a {@link ScopeLog} attached to each scope.
 */
public final class StatementLogs {

    /** What an attached log is told. */
    public interface Sink {
        /** @return the instance whose scopes the log watches */
        PerfMon perfMon();

        /** A scope of {@link #perfMon()} ran its first logged statement. */
        void scopeStarted(RequestScope scope);

        /** A scope of {@link #perfMon()} that ran a logged statement closes; valid during the call only. */
        void scopeClosed(RequestScope scope);
    }

    /** Where each scope keeps its log, shared by every data source. */
    public static final ScopeKey<ScopeLog> KEY = ScopeKey.of("perfmon.jdbc.statement-log", ScopeLog::new);

    private static final Sink[] NONE = new Sink[0];
    private static volatile Sink[] active = NONE;
    /** The data sources built for each instance; weak, so no instance is pinned. */
    private static final Map<PerfMon, AtomicInteger> MONITORS = Collections.synchronizedMap(new WeakHashMap<>());

    private StatementLogs() {
    }

    /**
     * Called by each data source's monitor after it registered its N+1 analysis: adds the hook
     * that tells the logs a scope closed once every data source of the instance has analysed
     * it, so its findings are published before the logs report the scope, whichever order the
     * data sources and logs were created in.
     */
    static void register(PerfMon perfMon) {
        AtomicInteger monitors = MONITORS.computeIfAbsent(perfMon, p -> new AtomicInteger());
        monitors.incrementAndGet();
        perfMon.addScopeHook(scope -> closed(perfMon, scope, monitors));
    }

    private static void closed(PerfMon perfMon, RequestScope scope, AtomicInteger monitors) {
        Sink[] sinks = active;
        if (sinks.length == 0) {
            return;
        }
        ScopeLog log = scope.attachmentIfPresent(KEY);
        if (log == null || !log.analysedBy(monitors.get())) {
            return;
        }
        for (Sink sink : sinks) {
            if (sink.perfMon() == perfMon) {
                sink.scopeClosed(scope);
            }
        }
    }

    /** Attaches a log. */
    public static synchronized void add(Sink sink) {
        Objects.requireNonNull(sink, "sink");
        active = CopyOnWrite.plus(active, sink);
    }

    /** Detaches a log. */
    public static synchronized void remove(Sink sink) {
        active = CopyOnWrite.minus(active, sink);
    }

    /** Logs one round trip when a log watches {@code perfMon}; otherwise returns after one volatile read. */
    static void record(PerfMon perfMon, RequestScope scope, String dataSource, SqlInfo info, CallSites callSites) {
        Sink[] sinks = active;
        if (sinks.length == 0) {
            return;
        }
        ScopeLog log = null;
        for (Sink sink : sinks) {
            if (sink.perfMon() == perfMon) {
                if (log == null) {
                    log = scope.attachment(KEY);
                    if (!log.claim()) {
                        break;
                    }
                }
                sink.scopeStarted(scope);
            }
        }
        if (log != null) {
            log.add(dataSource, info, callSites);
        }
    }
}
