package dev.perfmon.benchmarks.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.MappingMatch;
import jakarta.servlet.http.Part;

import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal, reusable GET request for benchmarking filters around a no-op chain: fixed request
 * line and mapping, a small attribute map cleared between invocations (as a container starts
 * every request with none). Everything a filter does not need is unsupported.
 */
final class PlainRequest implements HttpServletRequest {

    private final String method;
    private final String uri;
    private final HttpServletMapping mapping;
    private final Map<String, Object> attributes = new HashMap<>();

    PlainRequest(String method, String uri, MappingMatch match, String pattern) {
        this.method = method;
        this.uri = uri;
        this.mapping = new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return uri.substring(1);
            }

            @Override
            public String getPattern() {
                return pattern;
            }

            @Override
            public String getServletName() {
                return "dispatcher";
            }

            @Override
            public MappingMatch getMappingMatch() {
                return match;
            }
        };
    }

    /** Forgets the attributes of the previous invocation. */
    void reset() {
        attributes.clear();
    }

    @Override public String getMethod() { return method; }
    @Override public String getRequestURI() { return uri; }
    @Override public String getContextPath() { return ""; }
    @Override public String getServletPath() { return uri; }
    @Override public String getPathInfo() { return null; }
    @Override public String getQueryString() { return null; }
    @Override public HttpServletMapping getHttpServletMapping() { return mapping; }
    @Override public DispatcherType getDispatcherType() { return DispatcherType.REQUEST; }
    @Override public boolean isAsyncStarted() { return false; }
    @Override public boolean isAsyncSupported() { return true; }
    @Override public AsyncContext getAsyncContext() { return null; }
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(attributes.keySet()); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public void removeAttribute(String name) { attributes.remove(name); }
    @Override public String getHeader(String name) { return null; }
    @Override public Enumeration<String> getHeaders(String name) { return Collections.emptyEnumeration(); }
    @Override public Enumeration<String> getHeaderNames() { return Collections.emptyEnumeration(); }
    @Override public long getDateHeader(String name) { return -1; }
    @Override public int getIntHeader(String name) { return -1; }
    @Override public String getScheme() { return "http"; }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public String getServerName() { return "localhost"; }
    @Override public int getServerPort() { return 8080; }
    @Override public StringBuffer getRequestURL() { return new StringBuffer("http://localhost:8080").append(uri); }
    @Override public String getRemoteAddr() { return "127.0.0.1"; }
    @Override public String getRemoteHost() { return "127.0.0.1"; }
    @Override public int getRemotePort() { return 40000; }
    @Override public String getLocalName() { return "localhost"; }
    @Override public String getLocalAddr() { return "127.0.0.1"; }
    @Override public int getLocalPort() { return 8080; }
    @Override public boolean isSecure() { return false; }
    @Override public String getCharacterEncoding() { return null; }
    @Override public void setCharacterEncoding(String env) { }
    @Override public int getContentLength() { return -1; }
    @Override public long getContentLengthLong() { return -1; }
    @Override public String getContentType() { return null; }
    @Override public String getParameter(String name) { return null; }
    @Override public Enumeration<String> getParameterNames() { return Collections.emptyEnumeration(); }
    @Override public String[] getParameterValues(String name) { return null; }
    @Override public Map<String, String[]> getParameterMap() { return Collections.emptyMap(); }
    @Override public Locale getLocale() { return Locale.ROOT; }
    @Override public Enumeration<Locale> getLocales() { return Collections.enumeration(Collections.singleton(Locale.ROOT)); }
    @Override public String getAuthType() { return null; }
    @Override public Cookie[] getCookies() { return null; }
    @Override public String getPathTranslated() { return null; }
    @Override public String getRemoteUser() { return null; }
    @Override public boolean isUserInRole(String role) { return false; }
    @Override public Principal getUserPrincipal() { return null; }
    @Override public String getRequestedSessionId() { return null; }
    @Override public HttpSession getSession(boolean create) { return null; }
    @Override public HttpSession getSession() { throw unsupported(); }
    @Override public String changeSessionId() { throw unsupported(); }
    @Override public boolean isRequestedSessionIdValid() { return false; }
    @Override public boolean isRequestedSessionIdFromCookie() { return false; }
    @Override public boolean isRequestedSessionIdFromURL() { return false; }
    @Override public boolean authenticate(HttpServletResponse response) { throw unsupported(); }
    @Override public void login(String username, String password) { throw unsupported(); }
    @Override public void logout() { throw unsupported(); }
    @Override public Collection<Part> getParts() { throw unsupported(); }
    @Override public Part getPart(String name) { throw unsupported(); }
    @Override public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) { throw unsupported(); }
    @Override public ServletInputStream getInputStream() { throw unsupported(); }
    @Override public BufferedReader getReader() { throw unsupported(); }
    @Override public RequestDispatcher getRequestDispatcher(String path) { throw unsupported(); }
    @Override public ServletContext getServletContext() { throw unsupported(); }
    @Override public AsyncContext startAsync() { throw unsupported(); }
    @Override public AsyncContext startAsync(ServletRequest request, ServletResponse response) { throw unsupported(); }
    @Override public String getRequestId() { return "1"; }
    @Override public String getProtocolRequestId() { return ""; }
    @Override public ServletConnection getServletConnection() { throw unsupported(); }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not needed by the benchmark");
    }
}
