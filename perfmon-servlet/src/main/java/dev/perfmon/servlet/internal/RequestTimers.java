package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RouteGuard;
import dev.perfmon.core.RouteName;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The timers of one meter name ({@code http.server.requests} or the streams twin), cached by
 * their final tag values: a map lookup by route (method and template, {@code GET /posts/{id}}), then
 * a scan over the handful of (method, status, exception) combinations that route has seen. No
 * registry lookup once warm. Routes are admitted by the instance's {@link RouteGuard}, as every other
 * route-keyed meter's are: routes the application declares and routes templated from paths have
 * separate budgets, a route past its budget is recorded under its method and the overflow value, so
 * every request is counted, unknown paths never fold a declared route, and a route folded here is
 * folded in the breakdown, findings and pool counters too.
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
    private final RouteGuard routes;
    private final int[] zeroStatuses;
    private final ContributedTags contributed;
    /** Kept routes under their own spelling, folded ones under their folded spelling only. */
    private final ConcurrentMap<String, RouteTimers> byRoute = new ConcurrentHashMap<>();

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
        this.routes = FixedUris.keptBy(perfMon.routeGuard());
        this.zeroStatuses = zeroStatuses.clone();
    }

    /**
     * @param route a resolved route, method and template ({@code GET /posts/{id}}), declared by the
     *     application (not templated)
     * @return the timers of the route, or of its folded spelling once the declared budget is spent
     */
    public RouteTimers route(String route) {
        return route(route, false);
    }

    /**
     * @param route a resolved route, method and template ({@code GET /posts/{id}})
     * @param fromTemplate whether its template was derived from the request path
     * @return the timers of the route, or of its folded spelling ({@code GET OTHER}) once the guard folds it
     */
    public RouteTimers route(String route, boolean fromTemplate) {
        RouteTimers timers = byRoute.get(route);
        if (timers != null) {
            return timers;
        }
        String admitted = fromTemplate ? routes.admit(route) : routes.admitDeclared(route);
        String uri = RouteName.template(admitted);
        boolean declared = !fromTemplate && admitted.equals(route) && !FixedUris.isFixed(uri, routes);
        timers = byRoute.computeIfAbsent(admitted, r -> new RouteTimers(r, uri, declared));
        if (declared && !timers.declared) {
            timers.declared = true;
        }
        return timers;
    }

    /**
     * @param entry the request's method and resolved route
     * @param fromTemplate whether its template was derived from the request path
     * @return as {@link #route(String, boolean)}, cached on the entry once the route is kept under
     *     its own spelling (then found by that spelling whatever {@code fromTemplate} says, as above)
     */
    RouteTimers route(RouteEntry entry, boolean fromTemplate) {
        RouteTimers timers = entry.timers;
        if (timers != null) {
            return timers;
        }
        timers = route(entry.scopeName, fromTemplate);
        if (timers.route.equals(entry.scopeName)) {
            entry.timers = timers;
        }
        return timers;
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
        private final String route;
        private final String uri;
        private volatile Entry[] entries = new Entry[0];
        /** A declared route: its alerting series are created at zero for each method it serves. */
        volatile boolean declared;

        RouteTimers(String route, String uri, boolean declared) {
            this.route = route;
            this.uri = uri;
            this.declared = declared;
        }

        /** @return the route the request is recorded under: itself, or its folded spelling ({@code GET OTHER}) */
        public String route() {
            return route;
        }

        /** @return the {@code uri} tag value: the route's template, or the overflow value */
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
