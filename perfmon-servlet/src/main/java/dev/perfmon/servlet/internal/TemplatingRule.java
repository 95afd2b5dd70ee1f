package dev.perfmon.servlet.internal;

/**
 * When the templated path may name a request's route: only when the answer shows that a handler
 * of the application took the request, never for what a container, {@code HttpServlet}'s
 * defaults or a filter answers for any path at all. Otherwise every distinct path a scanner
 * sends would become a {@code uri} value.
 *
 * <ul>
 *   <li>methods {@code GET}, {@code HEAD}, {@code POST}, {@code PUT}, {@code PATCH},
 *       {@code DELETE} only: {@code OPTIONS} and {@code TRACE} are answered by
 *       {@code HttpServlet} itself for any path, and other methods are routed by no one
 *       (a framework that routes them names its route, which is kept);</li>
 *   <li>statuses 1xx, 2xx, 5xx other than 501 and 505, and 409, 412, 422: the answers of a
 *       handler that understood the request. 404 and 3xx have their own names; 401, 403, 405,
 *       406, 415, 429, 400 and the rest of 4xx are what security filters, rate limiters,
 *       content negotiation and {@code HttpServlet}'s defaults answer for any path, as are 501
 *       (unknown method) and 505.</li>
 * </ul>
 */
final class TemplatingRule {

    private TemplatingRule() {
    }

    /**
     * @param method the method tag of the request
     * @param status the final status
     * @return whether the templated path may name the route
     */
    static boolean applies(MethodTag method, int status) {
        switch (method) {
            case GET:
            case HEAD:
            case POST:
            case PUT:
            case PATCH:
            case DELETE:
                break;
            default:
                return false;
        }
        if (status >= 100 && status < 300) {
            return true;
        }
        if (status >= 500 && status <= 599) {
            return status != 501 && status != 505;
        }
        return status == 409 || status == 412 || status == 422;
    }
}
