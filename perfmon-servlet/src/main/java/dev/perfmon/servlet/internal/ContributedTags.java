package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.TagValueGuard;
import dev.perfmon.servlet.HttpTagContributor;
import io.micrometer.core.instrument.Tags;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;

/**
 * The application's own tags on the request timers: each contributor's value per request,
 * bounded by a guard of its own, and a contributor's failure contained. With no contributor
 * (the default) {@link #values} returns one shared empty array, so the request path is unchanged.
 */
final class ContributedTags {

    static final String[] NONE = new String[0];
    private static final String FAILURE = "servlet.tags";

    private final PerfMon perfMon;
    private final HttpTagContributor[] contributors;
    private final TagValueGuard[] guards;
    private final String[] defaults;

    ContributedTags(PerfMon perfMon, List<HttpTagContributor> contributors) {
        this.perfMon = perfMon;
        this.contributors = contributors.toArray(new HttpTagContributor[0]);
        this.guards = new TagValueGuard[this.contributors.length];
        this.defaults = new String[this.contributors.length];
        for (int i = 0; i < guards.length; i++) {
            guards[i] = perfMon.newTagValueGuard();
            defaults[i] = guards[i].admit(this.contributors[i].defaultValue());
        }
    }

    /** @return each contributor's admitted value for this request, in order */
    String[] values(HttpServletRequest request, HttpServletResponse response) {
        if (contributors.length == 0) {
            return NONE;
        }
        String[] values = new String[contributors.length];
        for (int i = 0; i < contributors.length; i++) {
            String value = null;
            try {
                value = contributors[i].value(request, response);
            } catch (RuntimeException failure) {
                perfMon.recordFailure(FAILURE, failure);
            }
            values[i] = value == null ? defaults[i] : guards[i].admit(value);
        }
        return values;
    }

    /** @return the values of series created before any request: every contributor's default */
    String[] defaults() {
        return defaults;
    }

    /** @return {@code tags} with the contributed keys and {@code values} added */
    Tags and(Tags tags, String[] values) {
        Tags result = tags;
        for (int i = 0; i < contributors.length; i++) {
            result = result.and(contributors[i].key(), values[i]);
        }
        return result;
    }
}
