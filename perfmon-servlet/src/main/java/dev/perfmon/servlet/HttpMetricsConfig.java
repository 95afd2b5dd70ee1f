package dev.perfmon.servlet;

import dev.perfmon.core.internal.Require;
import dev.perfmon.servlet.internal.RouteResolvers;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Immutable settings of {@link PerfMonFilter}. Build with {@link #builder()}; every value has a
 * default documented beside its setter, and {@link Builder#build()} rejects invalid values
 * with the value in the message.
 *
 * <p>The cap on distinct {@code uri} values and the overflow value come from the
 * {@link dev.perfmon.core.PerfMonConfig} of the {@link dev.perfmon.core.PerfMon} the filter
 * is given (default 100 and {@code OTHER}).
 */
public final class HttpMetricsConfig {

    /** The tag keys perfmon writes on {@code http.server.requests}; no contributor may take one. */
    private static final Set<String> RESERVED_TAGS = Set.of("method", "uri", "status", "outcome", "exception", "error");

    /** The default SLO buckets: 50, 100, 200, 300, 400, 500 ms, 1, 2, 3, 5, 10 s. */
    public static final List<Duration> DEFAULT_SLO_BUCKETS = List.of(
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
            Duration.ofMillis(400), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static final Predicate<HttpServletRequest> NEVER = request -> false;
    private static final HttpMetricsConfig DEFAULTS = builder().build();

    private final Predicate<HttpServletRequest> serverTiming;
    private final boolean serverTimingEnabled;
    private final Predicate<HttpServletRequest> exclude;
    private final Predicate<HttpServletRequest> longLived;
    private final boolean detectEventStreams;
    private final List<Duration> sloBuckets;
    private final boolean percentileHistogram;
    private final Duration minimumExpectedValue;
    private final Duration maximumExpectedValue;
    private final List<RouteResolver> routeResolvers;
    private final int[] zeroStatuses;
    private final List<String> declaredRoutes;
    private final List<HttpTagContributor> tagContributors;

    private HttpMetricsConfig(Builder b) {
        this.serverTiming = b.serverTiming;
        this.serverTimingEnabled = b.serverTiming != NEVER;
        this.exclude = b.exclude;
        this.longLived = b.longLived;
        this.detectEventStreams = b.detectEventStreams;
        this.sloBuckets = List.copyOf(b.sloBuckets);
        this.percentileHistogram = b.percentileHistogram;
        this.minimumExpectedValue = b.minimumExpectedValue;
        this.maximumExpectedValue = b.maximumExpectedValue;
        List<RouteResolver> chain = new ArrayList<>(b.customResolvers);
        chain.addAll(b.baseResolvers);
        this.routeResolvers = Collections.unmodifiableList(chain);
        this.zeroStatuses = b.zeroStatuses.clone();
        this.declaredRoutes = List.copyOf(b.declaredRoutes);
        this.tagContributors = List.copyOf(b.tagContributors);
    }

    /** @return the configuration with every default */
    public static HttpMetricsConfig defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the predicate choosing the requests that get a {@code Server-Timing} header */
    public Predicate<HttpServletRequest> serverTiming() {
        return serverTiming;
    }

    /** @return whether any request can get a {@code Server-Timing} header */
    public boolean serverTimingEnabled() {
        return serverTimingEnabled;
    }

    /** @return the predicate choosing requests that are not timed at all */
    public Predicate<HttpServletRequest> exclude() {
        return exclude;
    }

    /** @return the predicate choosing long-lived (streaming, SSE) requests, timed apart */
    public Predicate<HttpServletRequest> longLived() {
        return longLived;
    }

    /** @return whether a response of type {@code text/event-stream} is timed as long-lived */
    public boolean detectEventStreams() {
        return detectEventStreams;
    }

    /** @return the SLO buckets of {@code http.server.requests}, ascending */
    public List<Duration> sloBuckets() {
        return sloBuckets;
    }

    /** @return whether the full percentile histogram is published */
    public boolean percentileHistogram() {
        return percentileHistogram;
    }

    /** @return the lowest bucket of the percentile histogram */
    public Duration minimumExpectedValue() {
        return minimumExpectedValue;
    }

    /** @return the highest bucket of the percentile histogram */
    public Duration maximumExpectedValue() {
        return maximumExpectedValue;
    }

    /** @return the route resolution chain, first to last */
    public List<RouteResolver> routeResolvers() {
        return routeResolvers;
    }

    /**
     * @return the statuses whose {@code http.server.requests} series are created at zero for
     *     each declared route and method (default 500 and 503)
     */
    public int[] zeroStatuses() {
        return zeroStatuses.clone();
    }

    /** @return the routes declared up front, as {@code METHOD /template} */
    public List<String> declaredRoutes() {
        return declaredRoutes;
    }

    @Override
    public String toString() {
        return "HttpMetricsConfig{serverTiming=" + serverTimingEnabled + ", sloBuckets=" + sloBuckets
                + ", percentileHistogram=" + percentileHistogram + ", minimumExpectedValue=" + minimumExpectedValue
                + ", maximumExpectedValue=" + maximumExpectedValue + ", detectEventStreams=" + detectEventStreams
                + ", routeResolvers=" + routeResolvers.size() + ", zeroStatuses=" + Arrays.toString(zeroStatuses)
                + ", declaredRoutes=" + declaredRoutes.size() + ", tagContributors=" + tagContributors + '}';
    }

    /** @return the contributors of the application's own tags, in the order they were added */
    public List<HttpTagContributor> tagContributors() {
        return tagContributors;
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private Predicate<HttpServletRequest> serverTiming = NEVER;
        private Predicate<HttpServletRequest> exclude = NEVER;
        private Predicate<HttpServletRequest> longLived = HttpMetricsConfig::acceptsEventStream;
        private boolean detectEventStreams = true;
        private List<Duration> sloBuckets = DEFAULT_SLO_BUCKETS;
        private boolean percentileHistogram;
        private Duration minimumExpectedValue = Duration.ofMillis(1);
        private Duration maximumExpectedValue = Duration.ofSeconds(30);
        private final List<RouteResolver> customResolvers = new ArrayList<>();
        private List<RouteResolver> baseResolvers = RouteResolvers.defaults();
        private int[] zeroStatuses = {500, 503};
        private final List<String> declaredRoutes = new ArrayList<>();
        private final List<HttpTagContributor> tagContributors = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a {@code Server-Timing} header to every response ({@code true}) or to none
         * ({@code false}). Default {@code false}: the header discloses internals (time in SQL,
         * Redis, statement counts), so enable it only where clients are trusted.
         */
        public Builder serverTiming(boolean enabled) {
            this.serverTiming = enabled ? request -> true : NEVER;
            return this;
        }

        /**
         * Adds a {@code Server-Timing} header to the responses of requests the predicate
         * accepts (a trusted header, a client address range, ...); default none. The
         * predicate runs once per request and must not throw; if it does, no header is added.
         */
        public Builder serverTimingWhen(Predicate<HttpServletRequest> predicate) {
            this.serverTiming = Objects.requireNonNull(predicate, "serverTimingWhen");
            return this;
        }

        /**
         * Requests the predicate accepts are not timed at all (a metrics endpoint, static
         * assets, health probes); default none.
         */
        public Builder exclude(Predicate<HttpServletRequest> predicate) {
            this.exclude = Objects.requireNonNull(predicate, "exclude");
            return this;
        }

        /**
         * Excludes requests whose path within the application starts with one of the prefixes,
         * such as {@code "/metrics"} or {@code "/static/"}; replaces any earlier exclusion.
         */
        public Builder excludePathPrefixes(String... prefixes) {
            String[] copy = prefixes.clone();
            for (String prefix : copy) {
                if (prefix == null || prefix.isEmpty() || prefix.charAt(0) != '/') {
                    throw new IllegalArgumentException("excluded path prefixes must start with '/', was '" + prefix + "'");
                }
            }
            this.exclude = request -> {
                String path = RouteResolvers.pathWithinApplication(request);
                for (String prefix : copy) {
                    if (path.startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            };
            return this;
        }

        /**
         * Chooses long-lived requests (server-sent events, long polling, downloads that stream
         * for minutes). They are timed into {@code perfmon.http.server.streams} and
         * {@code perfmon.http.server.streams.active} instead of {@code http.server.requests},
         * so they do not distort the latency of normal routes. Default: requests whose
         * {@code Accept} header asks for {@code text/event-stream}.
         */
        public Builder longLived(Predicate<HttpServletRequest> predicate) {
            this.longLived = Objects.requireNonNull(predicate, "longLived");
            return this;
        }

        /**
         * Whether a response whose content type turns out to be {@code text/event-stream} is
         * timed as long-lived even when the request was not recognised up front; default true.
         */
        public Builder detectEventStreams(boolean value) {
            this.detectEventStreams = value;
            return this;
        }

        /**
         * SLO buckets of {@code http.server.requests}: each becomes a {@code le} bucket, so
         * the share of requests under it is exact in Prometheus. Default
         * {@link #DEFAULT_SLO_BUCKETS}, which includes 0.4 s; the latency SLO of the
         * {@code PerfMonConfig} is always added.
         */
        public Builder sloBuckets(Duration... buckets) {
            this.sloBuckets = Arrays.asList(buckets.clone());
            return this;
        }

        /**
         * Publishes Micrometer's full percentile histogram (about 70 buckets between the
         * minimum and maximum expected values) for {@code histogram_quantile}; default false.
         * Costs more memory and time per request; the SLO buckets are published either way.
         */
        public Builder percentileHistogram(boolean value) {
            this.percentileHistogram = value;
            return this;
        }

        /** Lowest bucket of the percentile histogram; default 1 ms. */
        public Builder minimumExpectedValue(Duration value) {
            this.minimumExpectedValue = Objects.requireNonNull(value, "minimumExpectedValue");
            return this;
        }

        /** Highest bucket of the percentile histogram; default 30 s. */
        public Builder maximumExpectedValue(Duration value) {
            this.maximumExpectedValue = Objects.requireNonNull(value, "maximumExpectedValue");
            return this;
        }

        /**
         * Adds a resolver consulted before the built-in chain (later calls are consulted after
         * earlier ones). The built-in chain: perfmon's route attribute, Spring MVC's
         * best-matching pattern, an exact servlet mapping (or the context root),
         * {@code NOT_FOUND}/{@code REDIRECTION} by status, the templated path.
         */
        public Builder addRouteResolver(RouteResolver resolver) {
            customResolvers.add(Objects.requireNonNull(resolver, "resolver"));
            return this;
        }

        /**
         * Replaces the built-in chain (resolvers added with {@link #addRouteResolver} still come
         * first). A request no resolver names gets {@code UNKNOWN}.
         */
        public Builder routeResolvers(RouteResolver... resolvers) {
            List<RouteResolver> list = Arrays.asList(resolvers.clone());
            for (RouteResolver resolver : list) {
                Objects.requireNonNull(resolver, "route resolver");
            }
            this.baseResolvers = list;
            return this;
        }

        /**
         * The statuses whose {@code http.server.requests} series (exception {@code none}) are
         * created at zero, for every declared route and method: the first time a route the
         * application names (framework pattern, exact servlet mapping, {@code setRoute}, a
         * custom resolver, {@link #declareRoutes}) is seen with a method, and at start for
         * declared routes. A route's first server error with one of these statuses is then an
         * increase from 0 that Prometheus' {@code rate()} and {@code increase()} (and the 5xx
         * alert rules) see; a series born at 1 would be invisible to them. Default 500 and 503;
         * none to turn it off. Each costs one timer per route and method.
         */
        public Builder zeroStatuses(int... statuses) {
            int[] copy = statuses.clone();
            for (int status : copy) {
                if (status < 100 || status > 599) {
                    throw new IllegalArgumentException("zeroStatuses must be 100-599, was " + status);
                }
            }
            this.zeroStatuses = copy;
            return this;
        }

        /**
         * Declares routes up front, as {@code METHOD /template} ({@code "GET /posts/{id}"}), so
         * their zero-initialised series ({@link #zeroStatuses}) exist from the start, before the
         * first request: a route whose very first answer after a deploy is a 5xx is seen by
         * Prometheus too. The route must be the value a resolver names it by.
         */
        public Builder declareRoutes(String... methodAndRoutes) {
            for (String declared : methodAndRoutes) {
                int space = declared == null ? -1 : declared.indexOf(' ');
                if (space <= 0 || space == declared.length() - 1) {
                    throw new IllegalArgumentException("declared routes are 'METHOD /template', was '" + declared + "'");
                }
                declaredRoutes.add(declared);
            }
            return this;
        }

        /**
         * Adds a tag of the application's own to {@code http.server.requests}; see
         * {@link HttpTagContributor} for what its values may be.
         *
         * @throws IllegalArgumentException when its key is blank, one perfmon writes ({@code method},
         *     {@code uri}, {@code status}, {@code outcome}, {@code exception}, {@code error}) or one
         *     another contributor already has
         */
        public Builder addTagContributor(HttpTagContributor contributor) {
            Objects.requireNonNull(contributor, "contributor");
            String key = contributor.key();
            if (key == null || key.isBlank() || RESERVED_TAGS.contains(key)) {
                throw new IllegalArgumentException("tag contributor key must not be blank nor one of "
                        + RESERVED_TAGS + ", was '" + key + "'");
            }
            for (HttpTagContributor other : tagContributors) {
                if (other.key().equals(key)) {
                    throw new IllegalArgumentException("two tag contributors for key '" + key + "'");
                }
            }
            tagContributors.add(contributor);
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the first invalid setting and its value
         */
        public HttpMetricsConfig build() {
            for (Duration bucket : sloBuckets) {
                if (bucket == null || bucket.isNegative() || bucket.isZero()) {
                    throw new IllegalArgumentException("sloBuckets must be positive, was " + bucket);
                }
            }
            Require.positive("minimumExpectedValue", minimumExpectedValue);
            Require.positive("maximumExpectedValue", maximumExpectedValue);
            if (minimumExpectedValue.compareTo(maximumExpectedValue) >= 0) {
                throw new IllegalArgumentException("minimumExpectedValue must be below maximumExpectedValue, was "
                        + minimumExpectedValue + " >= " + maximumExpectedValue);
            }
            return new HttpMetricsConfig(this);
        }
    }

    private static boolean acceptsEventStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/event-stream");
    }
}
