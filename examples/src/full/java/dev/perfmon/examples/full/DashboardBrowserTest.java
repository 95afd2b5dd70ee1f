package dev.perfmon.examples.full;

import dev.perfmon.examples.demo.DemoApp;
import dev.perfmon.examples.demo.DemoSettings;
import dev.perfmon.examples.demo.domain.Seeder;
import dev.perfmon.examples.demo.load.LoadClient;
import dev.perfmon.examples.demo.load.LoadPlan;
import dev.perfmon.examples.demo.load.RequestMix;
import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * perfmon's dashboard page, served by the demo under load, in a real headless Chromium driven
 * over WebDriver: it loads, its charts draw data, its tables fill, it asks nothing of any other
 * origin, and the browser logs no error. Needs the Debian packages chromium and chromium-driver
 * (run with -Pfull); without them this test fails, it never skips.
 */
@Tag("full")
class DashboardBrowserTest {

    private static DemoApp app;
    private static Thread traffic;

    @BeforeAll
    static void startTheDemoUnderLoad() throws Exception {
        Chromium.assertInstalled();
        app = DemoApp.start(DemoSettings.defaults().withRedis(TestRedis.uri()).withSeeder(new Seeder(50, 400, 8)));
        LoadClient client = new LoadClient(app.baseUri(), LoadPlan.standard(Duration.ofSeconds(40), 8, 25),
                RequestMix.standard(), 400, 50, 7, progress -> { });
        traffic = new Thread(() -> {
            try {
                client.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dashboard-test-traffic");
        traffic.setDaemon(true);
        traffic.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (traffic != null) {
            traffic.interrupt();
            traffic.join(60_000);
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void thePageLoadsDrawsItsChartsWithDataAndLogsNoError() throws Exception {
        try (Chromium chromium = Chromium.start(1400, 1200)) {
            WebDriver browser = chromium.browser();
            String page = app.baseUri() + "/perfmon/";
            browser.get(page);
            assertThat(browser.getTitle()).contains("perfmon demo");
            WebDriverWait wait = chromium.await(Duration.ofSeconds(90), Duration.ofMillis(250));

            // The first poll renders; the charts need a few points of history.
            wait.until(d -> "true".equals(Chromium.attribute(d, "body", "data-ready")));
            for (String chart : List.of("chart-latency", "chart-throughput", "chart-success")) {
                wait.until(d -> Chromium.intAttribute(d, "#" + chart, "data-points") >= 3
                        && Chromium.intAttribute(d, "#" + chart, "data-values") >= 3);
                String line = wait.until(d -> {
                    List<WebElement> lines = d.findElements(By.cssSelector("#" + chart + " path[data-series]"));
                    return lines.isEmpty() ? null : lines.get(0).getAttribute("d");
                });
                assertThat(line).as(chart + " line").matches("M[0-9.]+,[0-9.]+(L[0-9.]+,[0-9.]+)+");
            }
            assertThat(browser.findElements(By.cssSelector("#chart-latency path[data-series=p99]"))).isNotEmpty();

            wait.until(d -> d.findElements(By.cssSelector("#routes tbody tr")).size() >= 4);
            String routes = wait.until(d -> d.findElement(By.cssSelector("#routes tbody")).getText());
            assertThat(routes).contains("/posts/naive");
            for (String kpi : List.of("kpi-requests", "kpi-rate", "kpi-p99", "kpi-success", "kpi-hit-ratio")) {
                String value = wait.until(d -> d.findElement(By.cssSelector("#" + kpi + " .value")).getText());
                assertThat(value).as(kpi)
                        .isNotBlank().isNotEqualTo("–");
            }
            wait.until(d -> d.findElement(By.id("findings")).getText().contains("/posts/naive"));
            assertThat(browser.findElements(By.cssSelector("#caches tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(browser.findElements(By.cssSelector("#pools tbody tr"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#health tbody tr"))).isNotEmpty();
            assertThat(Chromium.attribute(browser, "#error", "data-visible")).isEqualTo("false");
            int renders = Chromium.intAttribute(browser, "body", "data-renders");
            wait.until(d -> Chromium.intAttribute(d, "body", "data-renders") > renders);

            // Self-contained: everything the page loaded came from the service itself.
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) ((JavascriptExecutor) browser).executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(resources).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(app.baseUri().toString()));

            assertThat(chromium.consoleProblems()).as("browser console warnings and errors").isEmpty();
        }
    }
}
