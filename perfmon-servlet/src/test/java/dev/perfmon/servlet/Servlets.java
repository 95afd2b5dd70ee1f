package dev.perfmon.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Servlets from lambdas: every method, including made-up ones, reaches the handler. */
final class Servlets {

    private Servlets() {
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    static HttpServlet of(Handler handler) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                try {
                    handler.handle(request, response);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    sneakyThrow(e);
                }
            }
        };
    }

    static HttpServlet text(String body) {
        return of((request, response) -> {
            response.setContentType("text/plain");
            response.getWriter().write(body);
        });
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }
}
