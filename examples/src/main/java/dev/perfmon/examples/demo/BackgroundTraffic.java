package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.load.LoadClient;
import dev.perfmon.examples.demo.load.LoadPlan;
import dev.perfmon.examples.demo.load.RequestMix;

import java.time.Duration;

/** Serve mode's optional traffic: the standard plan, over and over, on a daemon thread. */
final class BackgroundTraffic {

    private BackgroundTraffic() {
    }

    static Thread start(DemoApp app, int users, int reportCallers, Duration cycle) {
        LoadPlan plan = LoadPlan.standard(cycle, users, reportCallers);
        Thread thread = new Thread(() -> {
            long round = 0;
            while (!Thread.currentThread().isInterrupted()) {
                LoadClient client = new LoadClient(app.baseUri(), plan, RequestMix.standard(),
                        app.settings().seeder().posts(), app.settings().seeder().users(), round++, progress -> { });
                try {
                    client.run();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "demo-background-traffic");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
