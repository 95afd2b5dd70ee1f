package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.TagValueGuard;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The timers of one meter name ({@code http.server.requests} or the streams twin), cached by
 * their final tag values: a map lookup by route, then a scan over the handful of
 * (method, status, exception) combinations that route has seen. No registry lookup once warm.
 * The {@code uri} tag is bounded by a {@link TagValueGuard}; values past the cap are recorded
 * under the overflow value, so every request is counted.
 */
public final class RequestTimers {

    private final PerfMon perfMon;
    private final String name;
    private final String description;
    private final Duration[] slos;
    private final boolean percentileHistogram;
    private final Duration minimum;
    private final Duration maximum;
    private final TagValueGuard uris;
    private final ConcurrentMap<String, RouteTimers> byUri = new ConcurrentHashMap<>();

    public RequestTimers(PerfMon perfMon, String name, String description, Duration[] slos,
                         boolean percentileHistogram, Duration minimum, Duration maximum) {
        this.perfMon = perfMon;
        this.name = name;
        this.description = description;
        this.slos = slos.clone();
        this.percentileHistogram = percentileHistogram;
        this.minimum = minimum;
        this.maximum = maximum;
        this.uris = perfMon.newTagValueGuard();
    }

    /**
     * @param uri a resolved route
     * @return the timers of the route, or of the overflow value once the cap is reached
     */
    public RouteTimers route(String uri) {
        RouteTimers route = byUri.get(uri);
        if (route == null) {
            route = byUri.computeIfAbsent(uris.admit(uri), RouteTimers::new);
        }
        return route;
    }

    /** Shorthand for {@code route(uri).timer(method, status, exception)}. */
    public Timer timer(String uri, MethodTag method, int status, String exception) {
        return route(uri).timer(method, status, exception);
    }

    /** @return the uri guard, for tests and diagnostics */
    public TagValueGuard uriGuard() {
        return uris;
    }

    private Timer create(String uri, MethodTag method, int status, String exception) {
        Tags tags = Tags.of("method", method.name(), "uri", uri, "status", StatusTags.status(status),
                "outcome", StatusTags.outcome(status), "exception", exception, "error", exception);
        // A refused timer is a stand-in counting each request it misses as a lost measurement.
        return perfMon.meters("servlet.meters").timer(Timer.builder(name)
                .description(description)
                .tags(tags)
                .serviceLevelObjectives(slos)
                .publishPercentileHistogram(percentileHistogram)
                .minimumExpectedValue(minimum)
                .maximumExpectedValue(maximum));
    }

    /** The timers of one route; entries are copied on write, read without locks. */
    public final class RouteTimers {
        private final String uri;
        private volatile Entry[] entries = new Entry[0];

        RouteTimers(String uri) {
            this.uri = uri;
        }

        /** @return the {@code uri} tag value: the route, or the overflow value */
        public String uri() {
            return uri;
        }

        /**
         * @param method the method tag
         * @param status a canonical status ({@link StatusTags#canonical(int)})
         * @param exception an exception tag value from {@link ExceptionTags}
         * @return the timer for these tags
         */
        public Timer timer(MethodTag method, int status, String exception) {
            for (Entry entry : entries) {
                if (entry.status == status && entry.method == method && entry.exception == exception) {
                    return entry.timer;
                }
            }
            return add(method, status, exception);
        }

        private synchronized Timer add(MethodTag method, int status, String exception) {
            Entry[] current = entries;
            for (Entry entry : current) {
                if (entry.status == status && entry.method == method && entry.exception.equals(exception)) {
                    return entry.timer;
                }
            }
            Entry[] next = new Entry[current.length + 1];
            System.arraycopy(current, 0, next, 0, current.length);
            next[current.length] = new Entry(method, status, exception, create(uri, method, status, exception));
            entries = next;
            return next[current.length].timer;
        }
    }

    private static final class Entry {
        final MethodTag method;
        final int status;
        final String exception;
        final Timer timer;

        Entry(MethodTag method, int status, String exception, Timer timer) {
            this.method = method;
            this.status = status;
            this.exception = exception;
            this.timer = timer;
        }
    }
}
