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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * perfmon's dashboard page, served by the demo under load, in a real headless Chromium driven
 * over WebDriver: it loads, its charts draw data, its tables fill, it asks nothing of any other
 * origin, and the browser logs no error. Needs the Debian packages chromium and chromium-driver
 * (run with -Pfull); without them this test fails, it never skips.
 */
@Tag("full")
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static DemoApp app;
    private static Thread traffic;
    private static Path profile;

    @BeforeAll
    static void startTheDemoUnderLoad() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " is missing: apt-get install -y chromium chromium-driver")
                .isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " is missing: apt-get install -y chromium-driver")
                .isTrue();
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
        profile = Files.createTempDirectory("perfmon-chromium-");
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
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void thePageLoadsDrawsItsChartsWithDataAndLogsNoError() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1200", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        WebDriver browser = new ChromeDriver(service, options);
        try {
            String page = app.baseUri() + "/perfmon/";
            browser.get(page);
            assertThat(browser.getTitle()).contains("perfmon demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(250));
            // Every poll redraws the charts: an element found before a redraw is stale after it, so read again.
            wait.ignoring(StaleElementReferenceException.class);

            // The first poll renders; the charts need a few points of history.
            wait.until(d -> "true".equals(attribute(d, "body", "data-ready")));
            for (String chart : List.of("chart-latency", "chart-throughput", "chart-success")) {
                wait.until(d -> intAttribute(d, "#" + chart, "data-points") >= 3
                        && intAttribute(d, "#" + chart, "data-values") >= 3);
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
            assertThat(attribute(browser, "#error", "data-visible")).isEqualTo("false");
            int renders = intAttribute(browser, "body", "data-renders");
            wait.until(d -> intAttribute(d, "body", "data-renders") > renders);

            // Self-contained: everything the page loaded came from the service itself.
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) ((JavascriptExecutor) browser).executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(resources).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(app.baseUri().toString()));

            List<String> problems = new ArrayList<>();
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                    problems.add(entry.getLevel() + " " + entry.getMessage());
                }
            }
            assertThat(problems).as("browser console warnings and errors").isEmpty();
        } finally {
            browser.quit();
            service.stop();
        }
    }

    private static String attribute(WebDriver browser, String css, String name) {
        return browser.findElement(By.cssSelector(css)).getAttribute(name);
    }

    private static int intAttribute(WebDriver browser, String css, String name) {
        String value = attribute(browser, css, name);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
