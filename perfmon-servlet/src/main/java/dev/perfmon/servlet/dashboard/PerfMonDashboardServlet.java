package dev.perfmon.servlet.dashboard;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestSample;
import dev.perfmon.core.internal.Require;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.servlet.internal.DashboardAccess;
import dev.perfmon.servlet.internal.DashboardPage;
import dev.perfmon.servlet.internal.DashboardSeries;
import dev.perfmon.servlet.internal.JsonOut;
import dev.perfmon.servlet.internal.SamplesJson;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A live dashboard for one application: a single self-contained HTML page (inline CSS and
 * JavaScript, charts drawn as inline SVG, no CDN, no request leaves the page except to its own
 * JSON endpoint) and the JSON endpoint behind it. The page polls the endpoint and shows, over a
 * recent window: per-route requests, rate, latency percentiles, error rate and success ratio
 * against the SLO, where each route's time goes, cache hit ratio, pools, findings, bottlenecks
 * and health, with charts of the last minutes.
 *
 * <p>Map it under a prefix, e.g. {@code /perfmon/*} ({@link #registerWith(ServletContext, String)}):
 * <ul>
 *   <li>{@code GET /perfmon/} the page;</li>
 *   <li>{@code GET /perfmon/data.json?window=60} the data: the {@link PerfReport} JSON over
 *       the window ({@code window} in seconds, or {@code all} since start) under
 *       {@code report}, the chart history under {@code series} (filled from the reporter's
 *       samples on the first visit), the {@linkplain PerfMon#requestSamples() request samples}
 *       of the charted span under {@code samples} and the {@linkplain PerfMon#inFlight() requests
 *       running now} under {@code inFlight};</li>
 *   <li>{@code GET /perfmon/sample.json?id=42} one request sample with its timeline.</li>
 * </ul>
 *
 * <p>The data comes from a {@link PerfReporter}. For {@code web.xml}, the no-argument
 * constructor takes the reporter from the servlet context attribute {@link #REPORTER_ATTRIBUTE},
 * or creates one for the {@link PerfMon} in {@link PerfMonFilter#PERFMON_ATTRIBUTE}.
 *
 * <p>The page and its data disclose internals (routes, call sites with line numbers, thread
 * names, SQL shapes, pool sizes), so by default only loopback clients are answered and every
 * other client gets 403 ({@link Builder#allow(Predicate)}, or the init parameter
 * {@code allow} = {@code loopback} | {@code any}). Protect the mapping like any admin endpoint
 * when opening it, and exclude it from the filter ({@code excludePathPrefixes("/perfmon")}) so
 * its polling does not show up as traffic.
 */
public final class PerfMonDashboardServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Servlet context attribute holding the {@link PerfReporter} for the web.xml form. */
    public static final String REPORTER_ATTRIBUTE = "dev.perfmon.core.report.PerfReporter";
    /** The data endpoint, relative to the servlet's mapping. */
    public static final String DATA_PATH = "/data.json";
    /** One request sample with its timeline, relative to the servlet's mapping: {@code /sample.json?id=42}. */
    public static final String SAMPLE_PATH = "/sample.json";
    /** The name {@link #registerWith(ServletContext, String)} registers the servlet under. */
    public static final String SERVLET_NAME = "perfMonDashboard";

    private static final long MAX_WINDOW_SECONDS = 7 * 24 * 3600;

    /** The init parameter choosing who may read the dashboard: {@code loopback} (default) or {@code any}. */
    public static final String ALLOW_PARAMETER = "allow";

    private final transient Settings settings;
    private transient volatile Predicate<HttpServletRequest> allow;
    private transient volatile @Nullable PerfReporter reporter;
    private transient volatile DashboardSeries series;

    /** For {@code web.xml}: the reporter is found (or created) in {@link #init()}, with default settings. */
    public PerfMonDashboardServlet() {
        this.settings = new Settings();
        this.allow = settings.allow;
        // No history until init() finds the reporter.
        this.series = new DashboardSeries(settings.pointInterval, settings.maxPoints);
    }

    /**
     * @param reporter where the data comes from
     */
    public PerfMonDashboardServlet(PerfReporter reporter) {
        this(builder(reporter));
    }

    private PerfMonDashboardServlet(Builder builder) {
        this.settings = builder.copy();
        this.allow = settings.allow;
        this.reporter = builder.reporter;
        this.series = newSeries(reporter, settings);
    }

    private static DashboardSeries newSeries(PerfReporter reporter, Settings settings) {
        return new DashboardSeries(settings.pointInterval, settings.maxPoints,
                span -> reporter.history(settings.pointInterval, span));
    }

    /**
     * @param reporter where the data comes from
     * @return a builder with the defaults: poll every 2 s, a chart point every 5 s, 120 points
     *     (10 minutes), a 60 s window
     */
    public static Builder builder(PerfReporter reporter) {
        return new Builder(Objects.requireNonNull(reporter, "reporter"));
    }

    /**
     * Registers this servlet with a servlet context being initialised.
     *
     * @param context the servlet context
     * @param prefix where the dashboard lives, such as {@code /perfmon}
     * @return the registration, for security constraints and further settings
     */
    public ServletRegistration.Dynamic registerWith(ServletContext context, String prefix) {
        if (prefix == null || !prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("*")) {
            throw new IllegalArgumentException("prefix must look like /perfmon, was '" + prefix + "'");
        }
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME, this);
        if (registration == null) {
            throw new IllegalStateException("a servlet named " + SERVLET_NAME + " is already registered");
        }
        registration.addMapping(prefix + "/*");
        registration.setAsyncSupported(true);
        return registration;
    }

    @Override
    public void init() throws ServletException {
        String allowed = getInitParameter(ALLOW_PARAMETER);
        if (allowed != null) {
            try {
                allow = DashboardAccess.parse(allowed);
            } catch (IllegalArgumentException invalid) {
                throw new ServletException(invalid.getMessage(), invalid);
            }
        }
        if (reporter != null) {
            return;
        }
        ServletContext context = getServletContext();
        Object found = context.getAttribute(REPORTER_ATTRIBUTE);
        if (found instanceof PerfReporter) {
            reporter = (PerfReporter) found;
        } else if (context.getAttribute(PerfMonFilter.PERFMON_ATTRIBUTE) instanceof PerfMon) {
            reporter = PerfReporter.create((PerfMon) context.getAttribute(PerfMonFilter.PERFMON_ATTRIBUTE));
        } else {
            log("PerfMonDashboardServlet: neither a PerfReporter (" + REPORTER_ATTRIBUTE + ") nor a PerfMon ("
                    + PerfMonFilter.PERFMON_ATTRIBUTE + ") in the servlet context; answering 503");
            return;
        }
        series = newSeries(reporter, settings);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            noCache(response);
            response.getWriter().write("perfmon dashboard: this client is not allowed (loopback clients only by default;"
                    + " see the servlet's allow setting)\n");
            return;
        }
        String path = request.getPathInfo();
        if (path == null || path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            page(request, response);
        } else if (path.equals(DATA_PATH) || path.equals(SAMPLE_PATH)) {
            PerfReporter current = reporter;
            if (current == null) {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no PerfReporter configured");
            } else if (path.equals(DATA_PATH)) {
                data(request, response, current);
            } else {
                sample(request, response, current);
            }
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** A rule that throws denies. */
    private boolean allowed(HttpServletRequest request) {
        try {
            return allow.test(request);
        } catch (RuntimeException failure) {
            return false;
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String endpoint = request.getContextPath() + (request.getServletPath() == null ? "" : request.getServletPath())
                + DATA_PATH;
        DashboardPage.Rendered page = DashboardPage.render(settings.title, endpoint, settings.pollInterval.toMillis(),
                settings.defaultWindow.toSeconds());
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + page.nonce()
                + "'; style-src 'nonce-" + page.nonce() + "'; connect-src 'self'; img-src data:; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'self'");
        response.setHeader("Referrer-Policy", "no-referrer");
        answer(response, "text/html;charset=UTF-8", page.html());
    }

    private void data(HttpServletRequest request, HttpServletResponse response, PerfReporter current)
            throws IOException {
        Duration window;
        String requested = request.getParameter("window");
        if (requested == null || requested.isBlank()) {
            window = settings.defaultWindow;
        } else if (requested.equals("all")) {
            window = null;
        } else {
            long seconds;
            try {
                seconds = Long.parseLong(requested.trim());
            } catch (NumberFormatException invalid) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > MAX_WINDOW_SECONDS) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                        "window must be seconds between 1 and " + MAX_WINDOW_SECONDS + ", or all");
                return;
            }
            window = Duration.ofSeconds(seconds);
        }
        PerfReport report = window == null ? current.report() : current.report(window);
        DashboardSeries history = series;
        history.maybeAdd(report.end().toEpochMilli(), current::report);

        StringBuilder out = new StringBuilder(8192);
        out.append("{\"dashboardVersion\":1,\"pollMillis\":");
        JsonOut.number(out, settings.pollInterval.toMillis());
        JsonOut.number(out, "pointSeconds", settings.pointInterval.toNanos() / 1e9);
        JsonOut.string(out, "requestedWindow", window == null ? "all" : Long.toString(window.toSeconds()));
        out.append(",\"report\":").append(report.toJson());
        out.append(",\"series\":");
        history.writeJson(out);
        PerfMon perfMon = current.perfMon();
        JsonOut.number(out, "latencySloMs", perfMon.config().latencySlo().toNanos() / 1e6);
        out.append(",\"samples\":");
        long since = report.end().toEpochMilli() - settings.pointInterval.toMillis() * settings.maxPoints;
        SamplesJson.list(out, perfMon.requestSamples(), since);
        out.append(",\"inFlight\":");
        SamplesJson.inFlight(out, perfMon.inFlight());
        out.append('}');

        answer(response, "application/json;charset=UTF-8", out.toString());
    }

    private void sample(HttpServletRequest request, HttpServletResponse response, PerfReporter current)
            throws IOException {
        long id;
        try {
            id = Long.parseLong(String.valueOf(request.getParameter("id")).trim());
        } catch (NumberFormatException invalid) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "id must be a sample id");
            return;
        }
        RequestSample found = current.perfMon().requestSamples().byId(id);
        if (found == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such sample (evicted, or never kept)");
            return;
        }
        StringBuilder out = new StringBuilder(4096);
        SamplesJson.full(out, found);
        answer(response, "application/json;charset=UTF-8", out.toString());
    }

    /** Answers 200 with the body, never cached. */
    private static void answer(HttpServletResponse response, String contentType, String body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        noCache(response);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void noCache(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** The dashboard's settings. */
    private static class Settings {
        String title = "perfmon";
        Duration pollInterval = Duration.ofSeconds(2);
        Duration pointInterval = Duration.ofSeconds(5);
        int maxPoints = 120;
        Duration defaultWindow = Duration.ofSeconds(60);
        Predicate<HttpServletRequest> allow = DashboardAccess.LOOPBACK;
    }

    /** Configures a {@link PerfMonDashboardServlet}; every value is validated when set. */
    public static final class Builder extends Settings {
        private final PerfReporter reporter;

        private Builder(PerfReporter reporter) {
            this.reporter = reporter;
        }

        /** The page title and heading; default {@code perfmon}. */
        public Builder title(String value) {
            Objects.requireNonNull(value, "title");
            if (value.isBlank() || value.length() > 200) {
                throw new IllegalArgumentException("title must be 1 to 200 characters, was '" + value + "'");
            }
            this.title = value;
            return this;
        }

        /** How often the page polls; default 2 s, at least 250 ms. */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Require.atLeast("pollInterval", value, Duration.ofMillis(250), "250 ms");
            return this;
        }

        /** The interval of one chart point; default 5 s (the reporter's default sampling), at least 1 s. */
        public Builder pointInterval(Duration value) {
            this.pointInterval = Require.atLeast("pointInterval", value, Duration.ofSeconds(1), "1 s");
            return this;
        }

        /** Chart points kept; default 120, between 2 and 10000. */
        public Builder maxPoints(int value) {
            this.maxPoints = Require.between("maxPoints", value, 2, 10_000);
            return this;
        }

        /** The window of the tables when the page does not ask for another; default 60 s. */
        public Builder defaultWindow(Duration value) {
            this.defaultWindow = Require.within("defaultWindow", value, Duration.ofSeconds(1),
                    Duration.ofSeconds(MAX_WINDOW_SECONDS), "between 1 s and 7 days");
            return this;
        }

        /**
         * Who may read the page and its data; others get 403. Default: loopback clients (remote
         * address 127.0.0.0/8 or ::1) that came through no proxy ({@code Forwarded} or
         * {@code X-Forwarded-For} absent), since the data names call sites, threads and SQL
         * shapes. The predicate runs once per request; if it throws, the request is refused.
         * The init parameter {@code allow} ({@code loopback} or {@code any}), when set, wins.
         */
        public Builder allow(Predicate<HttpServletRequest> predicate) {
            this.allow = Objects.requireNonNull(predicate, "allow");
            return this;
        }

        /** Answers every client: only where the mapping is protected otherwise (a security constraint, a proxy). */
        public Builder allowAnyClient() {
            return allow(DashboardAccess.ANY);
        }

        Builder copy() {
            Builder copy = new Builder(reporter);
            copy.title = title;
            copy.pollInterval = pollInterval;
            copy.pointInterval = pointInterval;
            copy.maxPoints = maxPoints;
            copy.defaultWindow = defaultWindow;
            copy.allow = allow;
            return copy;
        }

        /** @return the servlet */
        public PerfMonDashboardServlet build() {
            return new PerfMonDashboardServlet(this);
        }
    }
}
