package dev.perfmon.examples.plain;

import dev.perfmon.redis.PerfMonCache;
import dev.perfmon.servlet.PerfMonFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code POST /notes} (body: the text), {@code GET /notes/{id}} (Redis-cached), {@code GET /notes}
 * (one query per note: an N+1). Each branch names its route template, the one thing a plain
 * servlet must tell perfmon that a framework router would know.
 */
final class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient NotesRepository notes;
    private final transient PerfMonCache<String> cache;
    private final String keyPrefix;

    NotesServlet(NotesRepository notes, PerfMonCache<String> cache, String keyPrefix) {
        this.notes = notes;
        this.cache = cache;
        this.keyPrefix = keyPrefix;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        try {
            if (path == null || path.equals("/")) {
                PerfMonFilter.setRoute(request, "/notes");
                List<String> all = notes.listOneByOne();
                write(response, 200, String.join("\n", all));
                return;
            }
            PerfMonFilter.setRoute(request, "/notes/{id}");
            long id = Long.parseLong(path.substring(1));
            String text = cache.getOrLoad(keyPrefix + id, () -> load(id));
            if (text == null) {
                write(response, 404, "no note " + id);
            } else {
                write(response, 200, text);
            }
        } catch (NumberFormatException e) {
            write(response, 404, "no such note");
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private String load(long id) {
        try {
            return notes.find(id).orElse(null);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PerfMonFilter.setRoute(request, "/notes");
        String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (text.isBlank() || text.length() > 500) {
            write(response, 400, "a note is 1 to 500 characters");
            return;
        }
        try {
            write(response, 201, Long.toString(notes.add(text)));
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
