package dev.perfmon.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.reflect.Proxy;

/**
 * What a recycled {@link RequestState} wraps between requests: a request and a response whose
 * every method throws, as a container's recycled request facade does, so code that kept the
 * request past its end learns it at once instead of reading the next request of the thread.
 */
final class ReleasedRequest {

    static final HttpServletRequest INSTANCE = released(HttpServletRequest.class);
    static final HttpServletResponse RESPONSE = released(HttpServletResponse.class);

    private ReleasedRequest() {
    }

    private static <T> T released(Class<T> type) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    return "released " + type.getSimpleName();
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    throw new IllegalStateException(
                            "this request completed; a servlet request is valid only until its filter chain returns");
            }
        });
        return type.cast(proxy);
    }
}
