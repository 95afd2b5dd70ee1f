package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

/**
 * Reads the trace id of the current thread's trace, if a tracer is in use, so that a sampled
 * request can be found again in the tracing system. perfmon depends on no tracer: the
 * application bridges its own (for example {@code () -> tracer.currentSpan() == null ? null
 * : tracer.currentSpan().context().traceId()}).
 *
 * <p>Called on the thread that closes a scope, only for requests that are kept as samples.
 */
@FunctionalInterface
public interface TraceIdSource {

    /** @return the current trace id, or {@code null} when there is none */
    @Nullable String currentTraceId();
}
