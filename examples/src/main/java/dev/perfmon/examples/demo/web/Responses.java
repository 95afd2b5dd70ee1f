package dev.perfmon.examples.demo.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;

/** Writing JSON answers and turning failures into status codes. */
final class Responses {

    private Responses() {
    }

    static void json(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        json(response, status, new Json().beginObject().name("status").value(status)
                .name("error").value(message).endObject().toString());
    }

    /**
     * Answers a failure: 404 for a missing id, 400 for bad input, 503 when no pooled
     * connection came in time, 500 otherwise (the exception is rethrown so the container and
     * the instrumentation see it as a server error).
     */
    static void failure(HttpServletResponse response, RuntimeException failure) throws IOException {
        if (failure instanceof NotFoundException) {
            error(response, 404, failure.getMessage());
        } else if (failure instanceof IllegalArgumentException) {
            error(response, 400, failure.getMessage());
        } else if (causedByPoolTimeout(failure)) {
            error(response, 503, "database busy: no connection available in time");
        } else {
            throw failure;
        }
    }

    private static boolean causedByPoolTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
