package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.load.LoadClient;
import dev.perfmon.examples.demo.load.LoadPlan;
import dev.perfmon.examples.demo.load.LoadResult;
import dev.perfmon.examples.demo.load.PhaseResult;
import dev.perfmon.examples.demo.load.RequestMix;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What perfmon costs the whole service: the demo started with perfmon and without it,
 * alternately (on, off, on, off ...) in one JVM, each run driven by the load client's users
 * with think time (25-125 ms, so the offered rate is fixed by the user count while latency stays
 * small): 5 s of warm-up, then the measured steady run. A first pair, not reported, warms up the JVM. Prints, per run, the steady phase's
 * throughput and p99 and the process CPU time per request (the load client runs in the same
 * process and does the same work on both sides).
 *
 * <pre>java -cp perfmon-demo.jar dev.perfmon.examples.demo.OverheadComparison [pairs] [seconds] [users]</pre>
 */
public final class OverheadComparison {

    private OverheadComparison() {
    }

    /** @param args pairs of runs (default 3), measured seconds per run (default 20), users (default 40) */
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        DemoLogging.configure(false);
        System.out.println("run,perfmon,requests,rps,p99_ms,cpu_us_per_request,errors");
        // One pair first, not reported: the first start in a JVM pays for compiling what both sides share.
        run(true, 5, users);
        run(false, 5, users);
        for (int pair = 0; pair < pairs; pair++) {
            for (boolean on : new boolean[] {true, false}) {
                Run run = run(on, seconds, users);
                System.out.printf(Locale.ROOT, "%d,%s,%d,%.1f,%.2f,%.0f,%d%n", pair, on ? "on" : "off",
                        run.steady.requests(), run.steady.rate(), run.steady.p99().toNanos() / 1e6,
                        run.cpuNanosPerRequest / 1000.0, run.steady.clientErrors() + run.steady.serverErrors()
                                + run.steady.ioFailures());
            }
        }
        System.exit(0);
    }

    private record Run(PhaseResult steady, double cpuNanosPerRequest) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static Run run(boolean perfMon, int seconds, int users) throws Exception {
        DemoSettings settings = DemoSettings.defaults().withPerfMon(perfMon);
        LoadPlan.ThinkTime think = new LoadPlan.ThinkTime(Duration.ofMillis(25), Duration.ofMillis(125));
        try (DemoApp app = DemoApp.start(settings)) {
            client(app, new LoadPlan(List.of(new LoadPlan.Phase("warm-up", Duration.ofSeconds(5), users, false, 0)),
                    think)).run();
            long cpu = OS.getProcessCpuTime();
            LoadResult result = client(app, new LoadPlan(List.of(
                    new LoadPlan.Phase("steady", Duration.ofSeconds(seconds), users, false, 0)), think)).run();
            cpu = OS.getProcessCpuTime() - cpu;
            PhaseResult steady = result.phase("steady");
            return new Run(steady, (double) cpu / Math.max(1, steady.requests()));
        }
    }

    private static LoadClient client(DemoApp app, LoadPlan plan) {
        return new LoadClient(app.baseUri(), plan, RequestMix.standard(), app.settings().seeder().posts(),
                app.settings().seeder().users(), 42, progress -> { });
    }
}
