package dev.perfmon.servlet.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The filter's route entries stay bounded under a flood of keys and remember a bounded set of path shapes. */
class RouteEntriesTest {

    @Test
    void keepsOneEntryPerMethodAndRouteUpToTheCapThenBuildsThemPerRequest() {
        RouteEntries entries = new RouteEntries();
        RouteEntry posts = entries.of(MethodTag.GET, "/posts/{id}");
        assertSame(posts, entries.of(MethodTag.GET, new String("/posts/{id}")));
        assertEquals("GET /posts/{id}", posts.scopeName);
        assertNotSame(posts, entries.of(MethodTag.POST, "/posts/{id}"));
        assertEquals("POST /posts/{id}", entries.of(MethodTag.POST, "/posts/{id}").scopeName);

        for (int i = 0; i < RouteEntries.CAP + 10; i++) {
            entries.of(MethodTag.GET, "/flood/" + i);
        }
        RouteEntry late = entries.of(MethodTag.GET, "/late");
        assertNotSame(late, entries.of(MethodTag.GET, "/late"), "past the cap nothing more is kept");
        assertEquals("GET /late", late.scopeName);
        assertSame(posts, entries.of(MethodTag.GET, "/posts/{id}"), "kept entries stay");
    }

    @Test
    void remembersTheNamedRouteOfAtMostTheCapOfPathShapes() {
        RouteEntries entries = new RouteEntries();
        RouteEntry route = entries.of(MethodTag.GET, "/posts/{id}");
        RouteEntry shape = entries.of(MethodTag.GET, "/posts/{id}x");
        assertEquals("UNKNOWN", entries.likely(shape).route);
        entries.named(shape, route);
        assertSame(route, entries.likely(shape));

        int remembered = 1;
        for (int i = 0; i < RouteEntries.LIKELY_CAP + 10; i++) {
            RouteEntry other = entries.of(MethodTag.PUT, "/shape/" + i);
            entries.named(other, route);
            if (entries.likely(other) == route) {
                remembered++;
            }
        }
        assertEquals(RouteEntries.LIKELY_CAP, remembered);
        RouteEntry renamed = entries.of(MethodTag.GET, "/articles/{id}");
        entries.named(shape, renamed);
        assertSame(renamed, entries.likely(shape), "a remembered shape still follows its framework's route");
    }
}
