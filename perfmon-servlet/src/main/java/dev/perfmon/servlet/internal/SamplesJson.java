package dev.perfmon.servlet.internal;

import dev.perfmon.core.InFlightRequest;
import dev.perfmon.core.RequestSample;
import dev.perfmon.core.RequestSamples;
import dev.perfmon.core.TimelineEntry;

import java.util.List;

/**
 * The dashboard's JSON of request samples (one line per sample for the scatter view, the full
 * timeline of one sample on demand) and of the requests in flight. Durations are in
 * milliseconds; labels are statement shapes and operation names, never values.
 */
public final class SamplesJson {

    /** Samples listed per poll: the newest ones. */
    public static final int MAX_LISTED = 1000;

    private SamplesJson() {
    }

    /** Appends the samples that started at or after {@code sinceMillis}, newest {@link #MAX_LISTED}, without timelines. */
    public static void list(StringBuilder out, RequestSamples samples, long sinceMillis) {
        List<RequestSample> all = samples.samples();
        int from = all.size();
        int listed = 0;
        while (from > 0 && listed < MAX_LISTED && all.get(from - 1).startEpochMillis() >= sinceMillis) {
            from--;
            listed++;
        }
        out.append("{\"retainedBytes\":").append(samples.retainedBytes());
        out.append(",\"budgetBytes\":").append(samples.budgetBytes());
        out.append(",\"evicted\":").append(samples.evicted());
        out.append(",\"kept\":").append(samples.size());
        out.append(",\"items\":[");
        for (int i = from; i < all.size(); i++) {
            if (i > from) {
                out.append(',');
            }
            head(out, all.get(i));
            out.append('}');
        }
        out.append("]}");
    }

    /** Appends one sample with its timeline and findings. */
    public static void full(StringBuilder out, RequestSample sample) {
        head(out, sample);
        out.append(",\"droppedEntries\":").append(sample.droppedEntries());
        out.append(",\"timeline\":[");
        List<TimelineEntry> timeline = sample.timeline();
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry e = timeline.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"kind\":");
            JsonOut.string(out, e.kind());
            JsonOut.string(out, "label", e.label());
            JsonOut.number(out, "offsetMs", e.offsetNanos() / 1e6);
            JsonOut.number(out, "ms", e.durationNanos() / 1e6);
            if (e.rows() != TimelineEntry.NO_ROWS) {
                out.append(",\"rows\":").append(e.rows()); // absent when the driver reported no count
            }
            out.append('}');
        }
        out.append("],\"findings\":[");
        for (int i = 0; i < sample.findings().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonOut.string(out, sample.findings().get(i));
        }
        out.append("]}");
    }

    private static void head(StringBuilder out, RequestSample s) {
        out.append("{\"id\":").append(s.id());
        out.append(",\"t\":").append(s.startEpochMillis());
        JsonOut.number(out, "ms", s.durationNanos() / 1e6);
        JsonOut.string(out, "route", s.route());
        out.append(",\"status\":").append(s.status());
        JsonOut.string(out, "exception", s.exception());
        JsonOut.string(out, "reason", s.reason().name());
        JsonOut.string(out, "thread", s.threadName());
        JsonOut.string(out, "traceId", s.traceId());
        out.append(",\"entries\":").append(s.timeline().size() + s.droppedEntries());
    }

    /** Appends the requests running now, asynchronous ones between dispatches included (thread null). */
    public static void inFlight(StringBuilder out, List<InFlightRequest> running) {
        out.append('[');
        for (int i = 0; i < running.size(); i++) {
            InFlightRequest r = running.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"route\":");
            JsonOut.string(out, r.route());
            JsonOut.number(out, "ms", r.elapsedNanos() / 1e6);
            JsonOut.string(out, "thread", r.threadName());
            JsonOut.string(out, "kind", r.currentKind());
            JsonOut.string(out, "label", r.currentLabel());
            JsonOut.number(out, "kindMs", r.currentNanos() / 1e6);
            JsonOut.string(out, "state", r.state().label());
            out.append('}');
        }
        out.append(']');
    }
}
