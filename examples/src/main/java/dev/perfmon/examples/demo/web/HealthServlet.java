package dev.perfmon.examples.demo.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /health}: whether the database and Redis answer, plus perfmon's health verdicts.
 * 200 while the service can serve, 503 when a dependency is down.
 */
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BoardService board;
    private final transient PostCache cache;
    private final transient Supplier<String> verdicts;
    private final transient RouteNamer routes;

    /**
     * @param board checks the database
     * @param cache checks Redis
     * @param verdicts perfmon's health rules as a JSON value
     * @param routes told the route template
     */
    public HealthServlet(BoardService board, PostCache cache, Supplier<String> verdicts, RouteNamer routes) {
        this.board = board;
        this.cache = cache;
        this.verdicts = verdicts;
        this.routes = routes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        routes.name(request, "/health");
        boolean database = board.databaseUp();
        boolean redis = cache.ping();
        boolean up = database && redis;
        Json json = new Json().beginObject()
                .name("status").value(up ? "UP" : "DOWN")
                .name("database").value(database ? "UP" : "DOWN")
                .name("redis").value(redis ? "UP" : "DOWN")
                .name("rules").raw(verdicts.get())
                .endObject();
        Responses.json(response, up ? 200 : 503, json.toString());
    }
}
