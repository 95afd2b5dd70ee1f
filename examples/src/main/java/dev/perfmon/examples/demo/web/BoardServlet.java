package dev.perfmon.examples.demo.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The board's HTTP API, mapped to {@code /posts} and {@code /posts/*}:
 * <pre>
 * GET  /posts?page=n          latest posts (Redis-cached for the first pages)
 * POST /posts                 authorId, title, body (form fields): new post, empties the listing cache
 * GET  /posts/{id}            one post (Redis-cached)
 * GET  /posts/{id}/comments   its comments
 * GET  /posts/naive?page=n    listing with an N+1
 * GET  /posts/fixed?page=n    the same listing without it
 * </pre>
 */
public final class BoardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_PAGE = 1_000;

    private final transient BoardService board;
    private final transient RouteNamer routes;

    /**
     * @param board what the board does
     * @param routes told the route template of each request
     */
    public BoardServlet(BoardService board, RouteNamer routes) {
        this.board = board;
        this.routes = routes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        try {
            if (path == null || path.equals("/")) {
                routes.name(request, "/posts");
                Responses.json(response, 200, board.latestPosts(page(request)));
            } else if (path.equals("/naive")) {
                routes.name(request, "/posts/naive");
                Responses.json(response, 200, board.naiveListing(page(request)));
            } else if (path.equals("/fixed")) {
                routes.name(request, "/posts/fixed");
                Responses.json(response, 200, board.fixedListing(page(request)));
            } else if (path.endsWith("/comments")) {
                routes.name(request, "/posts/{id}/comments");
                long id = id(path.substring(1, path.length() - "/comments".length()));
                Responses.json(response, 200, board.comments(id));
            } else {
                routes.name(request, "/posts/{id}");
                Responses.json(response, 200, board.post(id(path.substring(1))));
            }
        } catch (RuntimeException failure) {
            Responses.failure(response, failure);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path != null && !path.equals("/")) {
            Responses.error(response, 405, "POST is allowed on /posts only");
            return;
        }
        routes.name(request, "/posts");
        try {
            long id = board.createPost(id(request.getParameter("authorId")),
                    request.getParameter("title"), request.getParameter("body"));
            response.setHeader("Location", "/posts/" + id);
            Responses.json(response, 201, new Json().beginObject().name("id").value(id).endObject().toString());
        } catch (RuntimeException failure) {
            Responses.failure(response, failure);
        }
    }

    private static int page(HttpServletRequest request) {
        String value = request.getParameter("page");
        if (value == null) {
            return 0;
        }
        try {
            int page = Integer.parseInt(value);
            if (page < 0 || page > MAX_PAGE) {
                throw new IllegalArgumentException("page must be 0 to " + MAX_PAGE);
            }
            return page;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("page must be a number");
        }
    }

    private static long id(String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing id");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            // Not an id: no such resource, as a router would answer.
            throw new NotFoundException("resource " + (value.length() > 20 ? value.substring(0, 20) : value));
        }
    }
}
