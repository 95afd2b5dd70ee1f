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
 * The {@code uri} tag is bounded by a {@link UriBudget}: declared routes and templated paths
 * have separate caps, values past a cap are recorded under the overflow value, so every request
 * is counted and unknown paths never fold a declared route.
 *
 * <p>Series alerts rely on are created at zero: the first time a declared route is seen with a
 * method, its timers for the configured statuses (500 and 503 by default, exception
 * {@code none}) are registered too, so that route's first server error is an increase from 0
 * that {@code rate()} and {@code increase()} see, rather than a new series born at 1.
 */
public final class RequestTimers {

    private final PerfMon perfMon;
    private final String name;
    private final String description;
    private final Duration[] slos;
    private final boolean percentileHistogram;
    private final Duration minimum;
    private final Duration maximum;
    private final UriBudget uris;
    private final int[] zeroStatuses;
    private final ContributedTags contributed;
    private final ConcurrentMap<String, RouteTimers> byUri = new ConcurrentHashMap<>();

    /**
     * @param zeroStatuses statuses whose series are created at zero for each declared route and
     *     method (canonical, 100-599); empty for none
     */
    public RequestTimers(PerfMon perfMon, String name, String description, Duration[] slos,
                         boolean percentileHistogram, Duration minimum, Duration maximum, int[] zeroStatuses) {
        this(perfMon, name, description, slos, percentileHistogram, minimum, maximum, zeroStatuses,
                new ContributedTags(perfMon, java.util.List.of()));
    }

    RequestTimers(PerfMon perfMon, String name, String description, Duration[] slos, boolean percentileHistogram,
                  Duration minimum, Duration maximum, int[] zeroStatuses, ContributedTags contributed) {
        this.contributed = contributed;
        this.perfMon = perfMon;
        this.name = name;
        this.description = description;
        this.slos = slos.clone();
        this.percentileHistogram = percentileHistogram;
        this.minimum = minimum;
        this.maximum = maximum;
        this.uris = new UriBudget(perfMon);
        this.zeroStatuses = zeroStatuses.clone();
    }

    /**
     * @param uri a resolved route, declared by the application (not templated)
     * @return the timers of the route, or of the overflow value once the cap is reached
     */
    public RouteTimers route(String uri) {
        return route(uri, false);
    }

    /**
     * @param uri a resolved route
     * @param fromTemplate whether it was derived from the request path (spends the overflow budget)
     * @return the timers of the route, or of the overflow value once that budget is spent
     */
    public RouteTimers route(String uri, boolean fromTemplate) {
        RouteTimers route = byUri.get(uri);
        if (route != null) {
            return route;
        }
        String admitted = uris.admit(uri, fromTemplate);
        boolean declared = !fromTemplate && !uris.isFixed(admitted);
        route = byUri.get(admitted);
        if (route == null) {
            route = byUri.computeIfAbsent(admitted, u -> new RouteTimers(u, declared));
        }
        if (declared && !route.declared) {
            route.declared = true;
        }
        return route;
    }

    /** @return the budget of templated paths, for tests and diagnostics */
    public TagValueGuard templatedUriGuard() {
        return uris.templated();
    }

    private Timer create(String uri, MethodTag method, int status, String exception, String[] extra) {
        Tags tags = contributed.and(Tags.of("method", method.name(), "uri", uri, "status", StatusTags.status(status),
                "outcome", StatusTags.outcome(status), "exception", exception, "error", exception), extra);
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
        /** A declared route: its alerting series are created at zero for each method it serves. */
        volatile boolean declared;

        RouteTimers(String uri, boolean declared) {
            this.uri = uri;
            this.declared = declared;
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
            return timer(method, status, exception, ContributedTags.NONE);
        }

        /**
         * @param extra the contributed tag values, admitted, in contributor order
         * @return the timer for these tags
         */
        Timer timer(MethodTag method, int status, String exception, String[] extra) {
            for (Entry entry : entries) {
                if (entry.status == status && entry.method == method && entry.exception == exception
                        && sameValues(entry.extra, extra)) {
                    return entry.timer;
                }
            }
            return add(method, status, exception, extra);
        }

        private synchronized Timer add(MethodTag method, int status, String exception, String[] extra) {
            Entry[] current = entries;
            boolean methodSeen = false;
            for (Entry entry : current) {
                if (entry.status == status && entry.method == method && entry.exception.equals(exception)
                        && sameValues(entry.extra, extra)) {
                    return entry.timer;
                }
                methodSeen |= entry.method == method;
            }
            Entry[] next = append(current, new Entry(method, status, exception, extra,
                    create(uri, method, status, exception, extra)));
            Timer timer = next[current.length].timer;
            if (declared && !methodSeen) {
                String[] defaults = extraOrDefaults(extra);
                for (int zero : zeroStatuses) {
                    if (zero != status || !ExceptionTags.NONE.equals(exception) || defaults != extra) {
                        next = append(next, new Entry(method, zero, ExceptionTags.NONE, defaults,
                                create(uri, method, zero, ExceptionTags.NONE, defaults)));
                    }
                }
            }
            entries = next;
            return timer;
        }

        /** Zero series carry the contributors' default values, the series most requests record into. */
        private String[] extraOrDefaults(String[] extra) {
            String[] defaults = contributed.defaults();
            return sameValues(extra, defaults) ? extra : defaults;
        }

        /** Creates the zero series of a method now, for a route declared before it is requested. */
        void initialise(MethodTag method) {
            declared = true;
            for (int zero : zeroStatuses) {
                timer(method, zero, ExceptionTags.NONE, contributed.defaults());
            }
        }
    }

    private static Entry[] append(Entry[] current, Entry entry) {
        Entry[] next = new Entry[current.length + 1];
        System.arraycopy(current, 0, next, 0, current.length);
        next[current.length] = entry;
        return next;
    }

    private static boolean sameValues(String[] a, String[] b) {
        if (a == b) {
            return true;
        }
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static final class Entry {
        final MethodTag method;
        final int status;
        final String exception;
        final String[] extra;
        final Timer timer;

        Entry(MethodTag method, int status, String exception, String[] extra, Timer timer) {
            this.method = method;
            this.status = status;
            this.exception = exception;
            this.extra = extra;
            this.timer = timer;
        }
    }
}
