package dev.perfmon.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the response of a request that gets a {@code Server-Timing} header, to add the header
 * just before the response commits: on {@code flushBuffer}, a flush or close of the stream or
 * writer, {@code sendError}, {@code sendRedirect}, and before a write that fills the buffer or
 * reaches the declared content length. Writers count three bytes per character unless the
 * charset is single-byte, so the header is never late, at worst a little early.
 */
public final class ServerTimingResponse extends HttpServletResponseWrapper {

    private final RequestState state;
    private long contentLength = -1;
    private long written;
    private @Nullable ServletOutputStream stream;
    private @Nullable PrintWriter writer;

    public ServerTimingResponse(HttpServletResponse response, RequestState state) {
        super(response);
        this.state = state;
    }

    /** Called before bytes reach the container: adds the header if they may commit the response. */
    void beforeWrite(long bytes) {
        long after = written + bytes;
        written = after;
        if (after >= getBufferSize() || (contentLength >= 0 && after >= contentLength)) {
            state.beforeCommit();
        }
    }

    void beforeFlush() {
        state.beforeCommit();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        ServletOutputStream delegate = super.getOutputStream();
        if (stream == null) {
            stream = new ServerTimingOutputStream(delegate, this);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter delegate = super.getWriter();
        if (writer == null) {
            String charset = getCharacterEncoding();
            int bytesPerChar = charset != null && (charset.equalsIgnoreCase(StandardCharsets.ISO_8859_1.name())
                    || charset.equalsIgnoreCase(StandardCharsets.US_ASCII.name())) ? 1 : 3;
            writer = new PrintWriter(new ServerTimingWriter(delegate, this, bytesPerChar)) {
                @Override
                public boolean checkError() {
                    return super.checkError() || delegate.checkError();
                }
            };
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        state.beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        state.beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        state.beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        state.beforeCommit();
        super.sendRedirect(location);
    }

    @Override
    public void sendRedirect(String location, int sc) throws IOException {
        state.beforeCommit();
        super.sendRedirect(location, sc);
    }

    @Override
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        state.beforeCommit();
        super.sendRedirect(location, clearBuffer);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        state.beforeCommit();
        super.sendRedirect(location, sc, clearBuffer);
    }

    @Override
    public void reset() {
        super.reset();
        written = 0;
        contentLength = -1;
        state.headerCleared();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        written = 0;
    }

    @Override
    public void setContentLength(int len) {
        super.setContentLength(len);
        contentLength = len;
    }

    @Override
    public void setContentLengthLong(long len) {
        super.setContentLengthLong(len);
        contentLength = len;
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, value);
        trackContentLength(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        super.addHeader(name, value);
        trackContentLength(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        super.setIntHeader(name, value);
        trackContentLength(name, Integer.toString(value));
    }

    private void trackContentLength(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            try {
                contentLength = value == null ? -1 : Long.parseLong(value.trim());
            } catch (NumberFormatException ignored) {
                contentLength = -1;
            }
        }
    }
}
