package org.springframework.samples.blog;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers the trace id the request runs under, as a handler logging it would see it. */
@RestController
public class TraceController {

    private final Tracer tracer;

    public TraceController(Tracer tracer) {
        this.tracer = tracer;
    }

    @GetMapping("/trace")
    public String traceId() {
        Span span = tracer.currentSpan();
        return span == null ? "none" : span.context().traceId();
    }
}
