package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RouteGuard;
import dev.perfmon.core.RouteName;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Tags;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The in-flight {@link LongTaskTimer}s of one meter name, tagged {@code method} and
 * {@code uri}, cached per route and method. The uri is a route the application declares: the
 * one known when the request starts (a custom resolver's answer, a route attribute already
 * set, an exact servlet mapping) or the route a framework last named for the request's path
 * shape ({@link RouteEntries#likely}), {@code UNKNOWN} until then (as in Spring), and the framework's
 * route as soon as it names one. Never a templated raw path: unmatched requests
 * (scanners) would fill the uri cap with their paths and push real routes into the overflow value.
 * Routes are admitted by the instance's {@link RouteGuard} as declared routes, so a route folded
 * here is folded in every route-keyed meter; a slot once filled keeps its answer, which for a
 * declared route never changes.
 */
public final class ActiveTimers {

    private final PerfMon perfMon;
    private final String name;
    private final String description;
    private final RouteGuard routes;
    /** Kept uris, with the overflow value holding the timers of folded routes. */
    private final ConcurrentMap<String, AtomicReferenceArray<LongTaskTimer>> byUri = new ConcurrentHashMap<>();

    public ActiveTimers(PerfMon perfMon, String name, String description) {
        this.perfMon = perfMon;
        this.name = name;
        this.description = description;
        this.routes = FixedUris.keptBy(perfMon.routeGuard());
    }

    /** @return the long task timer for the route and method */
    public LongTaskTimer timer(String uri, MethodTag method) {
        AtomicReferenceArray<LongTaskTimer> timers = byUri.get(uri);
        LongTaskTimer timer = timers == null ? null : timers.get(method.ordinal());
        return timer != null ? timer : admit(uri, method);
    }

    /**
     * @return the long task timer for the entry's route and method, cached on the entry once
     *     the route is kept under its own uri (a folded route asks the guard each time, as above)
     */
    LongTaskTimer timer(RouteEntry entry) {
        LongTaskTimer timer = entry.active;
        if (timer != null) {
            return timer;
        }
        AtomicReferenceArray<LongTaskTimer> timers = byUri.get(entry.route);
        timer = timers == null ? null : timers.get(entry.method.ordinal());
        if (timer == null) {
            return admit(entry.route, entry.method);
        }
        entry.active = timer;
        return timer;
    }

    /** The first request of a route and method: the guard decides, folded routes share the overflow uri's timers. */
    private LongTaskTimer admit(String uri, MethodTag method) {
        String admitted = routes.admitDeclared(RouteName.of(method.name(), uri));
        String tagged = RouteName.template(admitted);
        AtomicReferenceArray<LongTaskTimer> timers = byUri.computeIfAbsent(tagged,
                u -> new AtomicReferenceArray<>(MethodTag.count()));
        LongTaskTimer timer = timers.get(method.ordinal());
        if (timer == null) {
            timer = create(tagged, method);
            if (!timers.compareAndSet(method.ordinal(), null, timer)) {
                timer = timers.get(method.ordinal());
            }
        }
        return timer;
    }

    private LongTaskTimer create(String uri, MethodTag method) {
        Tags tags = Tags.of("method", method.name(), "uri", uri);
        // A refused timer is a stand-in counting each request it misses as a lost measurement.
        return perfMon.meters("servlet.active").longTaskTimer(LongTaskTimer.builder(name).description(description).tags(tags));
    }
}
