package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Tags;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The in-flight {@link LongTaskTimer}s of one meter name, tagged {@code method} and
 * {@code uri}, cached per route and method. The uri is a route the application declares: the
 * one known when the request starts (a custom resolver's answer, a route attribute already
 * set, an exact servlet mapping), {@code UNKNOWN} until then (as in Spring), and the
 * framework's route as soon as it names one. Never a templated raw path: unmatched requests
 * (scanners) would fill the uri cap with their paths and push real routes into the overflow value.
 */
public final class ActiveTimers {

    private final PerfMon perfMon;
    private final String name;
    private final String description;
    private final UriBudget uris;
    private final ConcurrentMap<String, AtomicReferenceArray<LongTaskTimer>> byUri = new ConcurrentHashMap<>();

    public ActiveTimers(PerfMon perfMon, String name, String description) {
        this.perfMon = perfMon;
        this.name = name;
        this.description = description;
        this.uris = new UriBudget(perfMon);
    }

    /** @return the long task timer for the route and method */
    public LongTaskTimer timer(String uri, MethodTag method) {
        AtomicReferenceArray<LongTaskTimer> timers = byUri.get(uri);
        if (timers == null) {
            uri = uris.admit(uri, false);
            timers = byUri.computeIfAbsent(uri, u -> new AtomicReferenceArray<>(MethodTag.count()));
        }
        LongTaskTimer timer = timers.get(method.ordinal());
        if (timer == null) {
            timer = create(uri, method);
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
