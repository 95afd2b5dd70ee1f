package dev.perfmon.examples.full;

import dev.perfmon.examples.demo.DemoApp;
import dev.perfmon.examples.demo.DemoSettings;
import dev.perfmon.examples.demo.domain.Seeder;
import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One slow request, opened up in a real headless Chromium: with the report row locked by the
 * test and the pool nearly used up, three {@code GET /reports/slow} requests queue, two inside
 * the locking statement and one for a connection. The in-flight table shows them stuck where
 * they are; once the lock is released the scatter shows them as slow dots, and clicking the
 * slowest opens its timeline with the pool wait and the statements (the lock wait inside the
 * {@code for update}). Charts have data on the first load, no table is squeezed at 1400 or
 * 1000 px, and the browser logs no error. Screenshots go to {@code target/screenshots}.
 * Needs the Debian packages chromium and chromium-driver (run with -Pfull); it never skips.
 */
@Tag("full")
class SlowRequestBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration LOCK_HELD = Duration.ofMillis(1500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static DemoApp app;

    @BeforeAll
    static void startTheDemoWithASmallPoolAndSomeHistory() throws Exception {
        Chromium.assertInstalled();
        app = DemoApp.start(DemoSettings.defaults().withRedis(TestRedis.uri()).withSeeder(new Seeder(20, 100, 4))
                .withPoolSize(3));
        // Ten seconds of ordinary traffic before anyone opens the page: its charts must show them at once.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int i = 0;
        while (System.nanoTime() < until) {
            get("/posts/" + (1 + i++ % 50));
            get("/posts?page=" + (i % 3));
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theSlowestReportRequestOpensToItsPoolWaitAndTheLockWaitInsideItsStatement() throws Exception {
        try (Chromium chromium = Chromium.start(1400, 2400)) {
            WebDriver browser = chromium.browser();
            browser.get(app.baseUri() + "/perfmon/");
            WebDriverWait wait = chromium.await(Duration.ofSeconds(60), Duration.ofMillis(100));
            wait.until(d -> "true".equals(Chromium.attribute(d, "body", "data-ready")));
            // The very first render already draws the recent past, from the reporter's samples.
            assertThat(Chromium.intAttribute(browser, "body", "data-first-points")).as("chart points on the first render")
                    .isGreaterThanOrEqualTo(3);
            // One line per chart here: a value is a point of the window with requests in it.
            assertThat(Chromium.intAttribute(browser, "#chart-success", "data-values")).as("success ratio points with data")
                    .isGreaterThanOrEqualTo(3);
            assertThat(browser.findElements(By.cssSelector("#chart-latency path[data-series=p99]"))).isNotEmpty();

            List<CompletableFuture<HttpResponse<String>>> reports = new ArrayList<>();
            try (Connection lock = app.database().pool().getConnection()) {
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement();
                     ResultSet row = s.executeQuery("select * from report_state where id = 1 for update")) {
                    assertThat(row.next()).isTrue();
                }
                // Two requests take the pool's last two connections and wait for the row lock; the third waits for a connection.
                for (int i = 0; i < 3; i++) {
                    reports.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("/reports/slow")).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString()));
                    Thread.sleep(150);
                }
                wait.until(d -> inFlightText(d).contains("waiting for a connection") && inFlightText(d).contains("for update"));
                List<WebElement> stuck = browser.findElements(By.cssSelector("#inflight tbody tr[data-route='GET /reports/slow']"));
                assertThat(stuck).hasSizeGreaterThanOrEqualTo(3);
                screenshot(browser, "#inflight-section", "in-flight-1400.png");
                Thread.sleep(LOCK_HELD.toMillis());
                lock.rollback();
            }
            for (CompletableFuture<HttpResponse<String>> report : reports) {
                assertThat(report.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }

            // The three show up as slow dots; the slowest that waited for a connection opens to its timeline.
            wait.until(d -> d.findElements(By.cssSelector("#chart-samples circle.dot[data-route='GET /reports/slow'][data-reason='SLOW']"))
                    .size() >= 3);
            assertThat(inFlightText(browser)).doesNotContain("/reports/slow");
            // The scatter is redrawn on every poll: read the dots' ids and times in one go, then click each afresh.
            List<Map.Entry<String, Double>> dots = new ArrayList<>(wait.until(d -> d.findElements(
                    By.cssSelector("#chart-samples circle.dot[data-route='GET /reports/slow']")).stream()
                    .map(dot -> Map.entry(dot.getAttribute("data-id"), Double.parseDouble(dot.getAttribute("data-ms"))))
                    .toList()));
            dots.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            Map<String, Double> poolWaitOf = new java.util.HashMap<>();
            double longestLockWait = 0;
            for (Map.Entry<String, Double> slow : dots) {
                String id = slow.getKey();
                wait.until(d -> ((JavascriptExecutor) d).executeScript(
                        "const dot = document.querySelector(\"#chart-samples circle.dot[data-id='\" + arguments[0] + \"']\");"
                                + " if (dot) { dot.dispatchEvent(new MouseEvent('click', {bubbles: true})); } return !!dot;", id)
                        .equals(Boolean.TRUE));
                wait.until(d -> id.equals(Chromium.attribute(d, "#sample-detail", "data-sample-id")));
                poolWaitOf.put(id, wait.until(d -> kindMs(d, "db.pool")));
                longestLockWait = Math.max(longestLockWait, wait.until(SlowRequestBrowserTest::lockWaitMs));
                if (poolWaitOf.get(id) >= 500) {
                    assertThat(browser.findElement(By.id("sample-timeline")).getText())
                            .contains("waiting for a connection").contains("for update").contains("update report_state");
                    assertThat(browser.findElement(By.id("sample-head")).getText()).contains("GET /reports/slow").contains("status 200");
                    screenshot(browser, "#samples-section", "slow-request-1400.png");
                    break;
                }
            }
            assertThat(poolWaitOf.values()).as("pool wait (ms) of the slow report requests, slowest first")
                    .anyMatch(ms -> ms >= 500);
            assertThat(longestLockWait).as("the longest lock wait inside the for update statement (ms)")
                    .isGreaterThanOrEqualTo(LOCK_HELD.toMillis() * 0.6);

            assertNoTableSqueezed(browser, 1400);
            browser.manage().window().setSize(new Dimension(1000, 2400));
            int renders = Chromium.intAttribute(browser, "body", "data-renders");
            wait.until(d -> Chromium.intAttribute(d, "body", "data-renders") > renders);
            assertNoTableSqueezed(browser, 1000);
            screenshot(browser, "#samples-section", "slow-request-1000.png");
            screenshot(browser, null, "dashboard-1000.png");

            assertThat(Chromium.attribute(browser, "#error", "data-visible")).isEqualTo("false");
            assertThat(chromium.consoleProblems()).as("browser console warnings and errors").isEmpty();
        }
    }

    /** Every table fits its section: no horizontal scrolling, no column narrower than its header. */
    private static void assertNoTableSqueezed(WebDriver browser, int width) {
        @SuppressWarnings("unchecked")
        List<String> overflowing = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('table')).filter(t => t.offsetParent !== null)"
                        + ".filter(t => t.scrollWidth > t.parentElement.clientWidth + 1"
                        + "  || t.closest('section').scrollWidth > t.closest('section').clientWidth + 1"
                        + "  || Array.from(t.querySelectorAll('thead th')).some(th => th.scrollWidth > th.clientWidth + 1))"
                        + ".map(t => t.id + ' ' + t.scrollWidth + '>' + t.parentElement.clientWidth)");
        assertThat(overflowing).as("tables overflowing at " + width + " px").isEmpty();
    }

    private static double kindMs(WebDriver browser, String kind) {
        double total = 0;
        for (WebElement step : browser.findElements(By.cssSelector("#sample-timeline tbody tr[data-kind='" + kind + "']"))) {
            total += Double.parseDouble(step.getAttribute("data-ms"));
        }
        return total;
    }

    /** @return the longest {@code for update} statement of the open timeline, in ms (0 when none) */
    private static double lockWaitMs(WebDriver browser) {
        double longest = 0;
        for (WebElement step : browser.findElements(By.cssSelector("#sample-timeline tbody tr[data-kind='db.query']"))) {
            if (step.getText().contains("for update")) {
                longest = Math.max(longest, Double.parseDouble(step.getAttribute("data-ms")));
            }
        }
        return longest;
    }

    private static String inFlightText(WebDriver browser) {
        return browser.findElement(By.id("inflight")).getText();
    }

    private static void screenshot(WebDriver browser, String css, String name) throws Exception {
        if (css != null) {
            ((JavascriptExecutor) browser).executeScript("document.querySelector(arguments[0]).scrollIntoView()", css);
        } else {
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        }
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static URI uri(String path) {
        return URI.create(app.baseUri() + path);
    }

    private static void get(String path) throws Exception {
        HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
