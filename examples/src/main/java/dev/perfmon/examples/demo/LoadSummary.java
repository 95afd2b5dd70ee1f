package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.load.LoadResult;
import dev.perfmon.examples.demo.load.PhaseResult;

import java.util.Locale;

/** The load client's numbers per phase, printed when the service runs without perfmon (nothing else to report). */
final class LoadSummary {

    private LoadSummary() {
    }

    static String text(LoadResult result) {
        StringBuilder out = new StringBuilder("== load client, per phase (perfmon off) ==\n");
        out.append(String.format(Locale.ROOT, "%-10s %9s %8s %7s %8s %8s %8s%n",
                "phase", "requests", "rps", "errors", "p50 ms", "p95 ms", "p99 ms"));
        for (PhaseResult phase : result.phases()) {
            out.append(String.format(Locale.ROOT, "%-10s %9d %8.1f %6.1f%% %8.1f %8.1f %8.1f%n",
                    phase.name(), phase.requests(), phase.rate(), phase.errorRate() * 100,
                    phase.p50().toNanos() / 1e6, phase.p95().toNanos() / 1e6, phase.p99().toNanos() / 1e6));
        }
        return out.toString();
    }
}
