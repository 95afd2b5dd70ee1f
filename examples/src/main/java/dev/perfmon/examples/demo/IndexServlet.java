package dev.perfmon.examples.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /}: a page of links to what the demo serves; anything else unmapped is a 404. */
final class IndexServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>perfmon demo</title></head>
            <body style="font-family:sans-serif;max-width:48em;margin:2em auto">
            <h1>perfmon demo service</h1>
            <ul>
              <li><a href="/perfmon/">/perfmon/</a> &mdash; the perfmon dashboard page</li>
              <li><a href="/metrics">/metrics</a> &mdash; Prometheus text format</li>
              <li><a href="/health">/health</a> &mdash; dependencies and health rules</li>
              <li><a href="/posts">/posts</a>, <a href="/posts/1">/posts/1</a>,
                  <a href="/posts/1/comments">/posts/1/comments</a></li>
              <li><a href="/posts/naive">/posts/naive</a> (N+1) and <a href="/posts/fixed">/posts/fixed</a></li>
              <li><a href="/reports/slow">/reports/slow</a> &mdash; serialised on a row lock, with a remote call inside the transaction; exhausts the pool under load</li>
            </ul>
            </body></html>
            """;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.equals("/") && !path.isEmpty()) {
            response.sendError(404);
            return;
        }
        byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
