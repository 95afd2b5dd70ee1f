package dev.perfmon.examples.demo.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /reports/slow}: refreshes the activity report under a row lock (see {@link BoardService#refreshReport()}). */
public final class ReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BoardService board;
    private final transient RouteNamer routes;

    /**
     * @param board what the board does
     * @param routes told the route template
     */
    public ReportServlet(BoardService board, RouteNamer routes) {
        this.board = board;
        this.routes = routes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        routes.name(request, "/reports/slow");
        try {
            Responses.json(response, 200, board.refreshReport());
        } catch (RuntimeException failure) {
            Responses.failure(response, failure);
        }
    }
}
