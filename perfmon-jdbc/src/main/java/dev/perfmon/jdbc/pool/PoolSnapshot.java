package dev.perfmon.jdbc.pool;

import dev.perfmon.core.internal.Require;

import java.time.Instant;
import java.util.List;

/**
 * The state of one pool at one moment, with who holds its connections and who waited for them.
 *
 * <p>{@link #render()} gives the multi-line text form used in logs and the README:
 * <pre>
 * pool 'orders' INSTRUMENTED at 2025-01-01T10:00:00Z: 5/5 active, 0 idle, 12 waiting (peak 14 waiting, 5 active)
 *   longest holders (5 of 5):
 *     GET /reports/{id} held 4.2 s [thread http-nio-8080-exec-7] at com.acme.ReportService.load(ReportService.java:88)
 *     ...
 *   waiting routes:
 *     GET /orders (41 waits, 3 timeouts, longest 250 ms; 6 waiting now, longest 180 ms so far)
 *     GET /users (2 waiting now, longest 120 ms so far)
 * </pre>
 *
 * @param pool the pool name
 * @param mode how the pool is monitored; holders and waiting routes are empty in {@link MonitorMode#POLLING}
 * @param maxConnections the pool's maximum size
 * @param active connections in use
 * @param idle connections idle in the pool
 * @param waiting threads waiting for a connection
 * @param peakWaiting the most waiting threads sampled during the current episode or saturation
 *     run, otherwise {@code waiting}
 * @param peakActive the most connections in use sampled during the current episode or
 *     saturation run, otherwise {@code active}
 * @param holderCount how many connections perfmon saw borrowed and not yet returned
 * @param longestHolders the longest-held of them, longest first, at most the configured number
 * @param waitingRoutes routes that waited during the current episode or saturation run, and routes
 *     of threads waiting when the snapshot was taken (known only for requests that come through
 *     perfmon's {@link dev.perfmon.jdbc.PerfMonDataSource}), most waits first
 * @param takenAt when the snapshot was taken
 */
public record PoolSnapshot(String pool, MonitorMode mode, int maxConnections, int active, int idle, int waiting,
                           int peakWaiting, int peakActive, int holderCount,
                           List<ConnectionHolder> longestHolders, List<WaitingRoute> waitingRoutes,
                           Instant takenAt) {

    public PoolSnapshot {
        Require.nonNull("pool, mode, takenAt", pool, mode, takenAt);
        longestHolders = List.copyOf(longestHolders);
        waitingRoutes = List.copyOf(waitingRoutes);
    }

    /** @return whether every connection is in use and threads are waiting */
    public boolean saturated() {
        return waiting > 0 && maxConnections > 0 && active >= maxConnections;
    }

    /** @return the one-line form: counts, the longest holders and the waiting routes */
    public String summary() {
        StringBuilder b = new StringBuilder(160);
        b.append(active).append('/').append(maxConnections).append(" active, ")
                .append(idle).append(" idle, ").append(waiting).append(" waiting");
        if (peakWaiting > waiting) {
            b.append(" (peak ").append(peakWaiting).append(')');
        }
        if (!longestHolders.isEmpty()) {
            b.append("; held by ");
            appendJoined(b, longestHolders);
        }
        if (!waitingRoutes.isEmpty()) {
            b.append("; waiting: ");
            appendJoined(b, waitingRoutes);
        }
        return b.toString();
    }

    /** @return the multi-line text form shown in the class documentation */
    public String render() {
        StringBuilder b = new StringBuilder(512);
        b.append("pool '").append(pool).append("' ").append(mode).append(" at ").append(takenAt).append(": ")
                .append(active).append('/').append(maxConnections).append(" active, ")
                .append(idle).append(" idle, ").append(waiting).append(" waiting (peak ")
                .append(peakWaiting).append(" waiting, ").append(peakActive).append(" active)\n");
        b.append("  longest holders (").append(longestHolders.size()).append(" of ").append(holderCount).append("):\n");
        for (ConnectionHolder holder : longestHolders) {
            b.append("    ").append(holder).append('\n');
            for (StackTraceElement frame : holder.acquisitionStack()) {
                b.append("        acquired at ").append(frame).append('\n');
            }
            for (StackTraceElement frame : holder.currentStack()) {
                b.append("        now at ").append(frame).append('\n');
            }
        }
        b.append("  waiting routes:\n");
        for (WaitingRoute route : waitingRoutes) {
            b.append("    ").append(route).append('\n');
        }
        return b.toString();
    }

    private static void appendJoined(StringBuilder b, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(items.get(i));
        }
    }
}
