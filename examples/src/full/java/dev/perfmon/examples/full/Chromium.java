package dev.perfmon.examples.full;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
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
 * Debian's headless Chromium driven over WebDriver, as the browser tests run it: a fresh profile,
 * no background networking (the machine has no outside network), the console log kept so a test
 * can fail on any warning the page logs.
 */
final class Chromium implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final WebDriver browser;
    private final Path profile;

    private Chromium(int width, int height) throws IOException {
        profile = Files.createTempDirectory("perfmon-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    /** Fails (never skips) where the Debian packages are missing. */
    static void assertInstalled() {
        assertThat(Files.isExecutable(BINARY)).as(BINARY + " is missing: apt-get install -y chromium chromium-driver")
                .isTrue();
        assertThat(Files.isExecutable(DRIVER)).as(DRIVER + " is missing: apt-get install -y chromium-driver").isTrue();
    }

    /** @return a browser with a window of that size */
    static Chromium start(int width, int height) throws IOException {
        return new Chromium(width, height);
    }

    WebDriver browser() {
        return browser;
    }

    /**
     * A wait that reads again what a redraw replaced: the dashboard redraws its charts and tables
     * on every poll, so an element found before a redraw is stale after it.
     */
    WebDriverWait await(Duration timeout, Duration poll) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, poll);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** @return the console's warnings and errors since the last call */
    List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return problems;
    }

    static String attribute(WebDriver browser, String css, String name) {
        return browser.findElement(By.cssSelector(css)).getAttribute(name);
    }

    static int intAttribute(WebDriver browser, String css, String name) {
        String value = attribute(browser, css, name);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    @Override
    public void close() throws IOException {
        try {
            browser.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
