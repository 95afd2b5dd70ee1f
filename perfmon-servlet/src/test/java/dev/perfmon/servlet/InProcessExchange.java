package dev.perfmon.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A request and response served in the test's own thread, without a container: the request line,
 * attributes and whether async processing started; the response is always 200.
 */
final class InProcessExchange {

    final HttpServletRequest request;
    final HttpServletResponse response;
    private final Map<String, Object> attributes = new HashMap<>();
    private boolean asyncStarted;

    InProcessExchange(String method, String path) {
        request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (self, call, args) -> switch (call.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContextPath", "getServletPath" -> "";
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "isAsyncStarted" -> asyncStarted;
                    case "startAsync" -> startAsync();
                    case "toString" -> "in-process " + method + ' ' + path;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> null;
                });
        response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (self, call, args) -> switch (call.getName()) {
                    case "getStatus" -> 200;
                    case "isCommitted" -> false;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> null;
                });
    }

    private AsyncContext startAsync() {
        asyncStarted = true;
        return (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
                (self, call, args) -> switch (call.getName()) {
                    case "getRequest" -> request;
                    case "getResponse" -> response;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> null;
                });
    }
}
