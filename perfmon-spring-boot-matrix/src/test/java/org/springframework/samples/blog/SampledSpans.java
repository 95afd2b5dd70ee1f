package org.springframework.samples.blog;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * What a sampling tracer (Brave, OpenTelemetry) tells the Prometheus registry when it records a
 * measurement: the current span, and that it was sampled. The in-memory test tracer never marks
 * its spans sampled, so this stands in for that one decision; the span itself is the one Boot's
 * HTTP server observation opened.
 */
final class SampledSpans implements SpanContext {

    private final Tracer tracer;

    SampledSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public String getCurrentTraceId() {
        Span span = tracer.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    @Override
    public String getCurrentSpanId() {
        Span span = tracer.currentSpan();
        return span == null ? null : span.context().spanId();
    }

    @Override
    public boolean isCurrentSpanSampled() {
        return tracer.currentSpan() != null;
    }

    @Override
    public void markCurrentSpanAsExemplar() {
    }
}
