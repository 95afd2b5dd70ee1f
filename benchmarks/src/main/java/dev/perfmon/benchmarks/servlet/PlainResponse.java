package dev.perfmon.benchmarks.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;

/** A minimal, reusable response for benchmarking filters around a no-op chain: a status and nothing written. */
final class PlainResponse implements HttpServletResponse {

    private int status = 200;
    private String serverTiming;

    void reset200() {
        status = 200;
        serverTiming = null;
    }

    String serverTiming() {
        return serverTiming;
    }

    @Override public void setStatus(int sc) { status = sc; }
    @Override public int getStatus() { return status; }
    @Override public boolean isCommitted() { return false; }
    @Override public String getContentType() { return null; }
    @Override public String getCharacterEncoding() { return "UTF-8"; }
    @Override public int getBufferSize() { return 8192; }
    @Override public void setHeader(String name, String value) {
        if ("Server-Timing".equals(name)) {
            serverTiming = value;
        }
    }
    @Override public void addHeader(String name, String value) { setHeader(name, value); }
    @Override public void setIntHeader(String name, int value) { }
    @Override public void addIntHeader(String name, int value) { }
    @Override public void setDateHeader(String name, long date) { }
    @Override public void addDateHeader(String name, long date) { }
    @Override public boolean containsHeader(String name) { return false; }
    @Override public String getHeader(String name) { return null; }
    @Override public Collection<String> getHeaders(String name) { return Collections.emptyList(); }
    @Override public Collection<String> getHeaderNames() { return Collections.emptyList(); }
    @Override public void addCookie(Cookie cookie) { }
    @Override public String encodeURL(String url) { return url; }
    @Override public String encodeRedirectURL(String url) { return url; }
    @Override public void sendError(int sc, String msg) { status = sc; }
    @Override public void sendError(int sc) { status = sc; }
    @Override public void sendRedirect(String location, int sc, boolean clearBuffer) { status = sc; }
    @Override public void setCharacterEncoding(String charset) { }
    @Override public void setContentLength(int len) { }
    @Override public void setContentLengthLong(long len) { }
    @Override public void setContentType(String type) { }
    @Override public void setBufferSize(int size) { }
    @Override public void flushBuffer() { }
    @Override public void resetBuffer() { }
    @Override public void reset() { status = 200; }
    @Override public void setLocale(Locale loc) { }
    @Override public Locale getLocale() { return Locale.ROOT; }
    @Override public ServletOutputStream getOutputStream() { throw new UnsupportedOperationException(); }
    @Override public PrintWriter getWriter() { throw new UnsupportedOperationException(); }
}
