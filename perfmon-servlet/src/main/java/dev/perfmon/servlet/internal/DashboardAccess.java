package dev.perfmon.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;

import java.util.function.Predicate;

/**
 * Who may read the dashboard: the default admits loopback clients only (a request whose remote
 * address is 127.0.0.0/8 or ::1 and that carries no {@code Forwarded} or {@code X-Forwarded-For}
 * header, since a reverse proxy on the same host makes every client look local).
 */
public final class DashboardAccess {

    /** Loopback clients that did not come through a proxy. */
    public static final Predicate<HttpServletRequest> LOOPBACK = DashboardAccess::isLoopbackClient;
    /** Every client. */
    public static final Predicate<HttpServletRequest> ANY = request -> true;

    private DashboardAccess() {
    }

    /**
     * @param value the {@code allow} init parameter: {@code loopback} or {@code any}
     * @return the matching rule
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static Predicate<HttpServletRequest> parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("loopback")) {
            return LOOPBACK;
        }
        if (v.equalsIgnoreCase("any")) {
            return ANY;
        }
        throw new IllegalArgumentException("allow must be loopback or any, was '" + value + "'");
    }

    /** @return whether the request comes from this host, not through a proxy */
    public static boolean isLoopbackClient(HttpServletRequest request) {
        if (request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null) {
            return false;
        }
        return isLoopbackAddress(request.getRemoteAddr());
    }

    /** @return whether the literal address is 127.0.0.0/8, ::1, or an IPv4-mapped 127.x */
    static boolean isLoopbackAddress(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")
                || a.toLowerCase(java.util.Locale.ROOT).startsWith("::ffff:127.");
    }
}
