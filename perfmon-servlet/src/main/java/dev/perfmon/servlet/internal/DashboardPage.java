package dev.perfmon.servlet.internal;

import dev.perfmon.core.report.internal.HtmlRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dashboard page: one HTML resource with its CSS and JavaScript inline, filled in per
 * response with the title, the data endpoint, the poll interval and a fresh CSP nonce (the
 * only way the inline script and style are allowed to run).
 */
public final class DashboardPage {

    private static final String RESOURCE = "/dev/perfmon/servlet/dashboard/dashboard.html";
    private static final String TEMPLATE = load();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DashboardPage() {
    }

    /**
     * A rendered page and the nonce its Content-Security-Policy must allow.
     *
     * @param html the page
     * @param nonce the nonce of its inline script and style
     */
    public record Rendered(String html, String nonce) {
    }

    public static Rendered render(String title, String endpoint, long pollMillis, long windowSeconds) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String html = TEMPLATE
                .replace("@@NONCE@@", nonce)
                .replace("@@TITLE@@", HtmlRenderer.esc(title))
                .replace("@@ENDPOINT@@", HtmlRenderer.esc(endpoint))
                .replace("@@POLL_MS@@", Long.toString(pollMillis))
                .replace("@@WINDOW@@", Long.toString(windowSeconds));
        return new Rendered(html, nonce);
    }

    private static String load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
