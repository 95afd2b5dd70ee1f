package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.load.LoadClient;
import dev.perfmon.examples.demo.load.LoadPlan;
import dev.perfmon.examples.demo.load.LoadResult;
import dev.perfmon.examples.demo.load.Progress;
import dev.perfmon.examples.demo.load.RequestMix;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code java -jar perfmon-demo.jar load|serve [options]}: see {@link DemoOptions#USAGE}.
 */
public final class DemoMain {

    private DemoMain() {
    }

    /**
     * @param args the mode and options
     */
    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("perfmon demo: " + e.getMessage());
            System.err.println();
            System.err.print(DemoOptions.USAGE);
            System.exit(args.length == 0 || args[0].equals("help") || args[0].equals("--help") ? 0 : 2);
            return;
        }
        boolean load = options.mode.equals("load");
        DemoLogging.configure(!load);
        DemoSettings settings = DemoSettings.defaults()
                .withHost(options.host)
                .withPort(options.port != null ? options.port : load ? 0 : 8080)
                .withDatabase(options.database())
                .withRedis(options.redis)
                .withPerfMon(options.perfMon);
        if (load) {
            runLoad(settings, options);
            System.exit(0);
        } else {
            runServe(settings, options);
        }
    }

    private static void runLoad(DemoSettings settings, DemoOptions options) throws Exception {
        LoadPlan plan = LoadPlan.standard(options.duration, options.users, options.reportCallers);
        PrintStream err = System.err;
        err.println("perfmon demo: starting the service ...");
        try (DemoApp app = DemoApp.start(settings)) {
            err.println(describe(app));
            err.printf("perfmon demo: load for %ds with %d users (5 reads : 1 write), %d report callers in the"
                    + " overload phase%n", plan.total().toSeconds(), options.users, options.reportCallers);
            LoadClient client = new LoadClient(app.baseUri(), plan, RequestMix.standard(),
                    settings.seeder().posts(), settings.seeder().users(), 42, progressPrinter(err));
            if (app.perfMon() == null) {
                LoadResult result = client.run();
                err.println();
                System.out.print(LoadSummary.text(result));
                System.out.flush();
                return;
            }
            FindingRecorder findings = new FindingRecorder();
            app.perfMon().addListener(findings);
            LoadResult result = client.run();
            err.println();
            DemoReport report = new DemoReport(app, plan, result, findings.all());
            System.out.print(report.text());
            System.out.flush();
            report.writeFiles(options.json, options.html);
        }
    }

    private static void runServe(DemoSettings settings, DemoOptions options) throws Exception {
        System.err.println("perfmon demo: starting the service ...");
        DemoApp app = DemoApp.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "demo-shutdown"));
        System.err.println(describe(app));
        System.err.println("perfmon demo: serving " + app.baseUri() + "/  ("
                + (app.perfMon() != null ? "dashboard " + app.baseUri() + "/perfmon/, " : "without perfmon, ")
                + "metrics " + app.baseUri() + "/metrics); Ctrl-C stops");
        if (options.traffic > 0) {
            BackgroundTraffic.start(app, options.traffic, options.reportCallers, options.cycle);
            System.err.println("perfmon demo: background traffic: " + options.traffic + " users, "
                    + options.reportCallers + " report callers in each overload phase, phases repeating every "
                    + options.cycle.toSeconds() + " s");
        }
        stopped.await();
    }

    private static String describe(DemoApp app) {
        return "perfmon demo: listening on " + app.baseUri() + (app.perfMon() == null ? " (perfmon off)" : "")
                + "; database " + app.settings().database().kind()
                + " (" + app.settings().database().displayUrl() + "), HikariCP pool " + app.settings().poolSize()
                + ", Redis " + app.redis().origin() + " (" + app.redis().uri() + "), seeded "
                + app.settings().seeder().users() + " users, " + app.settings().seeder().posts() + " posts, "
                + app.seededComments() + " comments";
    }

    /** One line per second rewritten in place on a terminal; a line every five seconds otherwise (CI logs). */
    private static Consumer<Progress> progressPrinter(PrintStream out) {
        boolean terminal = System.console() != null;
        return new Consumer<>() {
            private String lastPhase = "";

            @Override
            public void accept(Progress progress) {
                boolean phaseChanged = !progress.phase().equals(lastPhase);
                lastPhase = progress.phase();
                if (terminal) {
                    out.print("\r" + progress.line() + "   ");
                    out.flush();
                } else if (phaseChanged || progress.elapsed().toSeconds() % 5 == 0) {
                    out.println(progress.line());
                }
            }
        };
    }
}
