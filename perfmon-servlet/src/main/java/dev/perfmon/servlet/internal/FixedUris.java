package dev.perfmon.servlet.internal;

import dev.perfmon.core.RouteGuard;
import dev.perfmon.servlet.RouteResolver;

/**
 * The {@code uri} values the filter names requests with that matched no route: {@code NOT_FOUND},
 * {@code REDIRECTION} and {@code UNKNOWN}. The route guard keeps them under every method without
 * spending a budget; they and the overflow value get no zero-initialised series.
 */
final class FixedUris {

    private static final String[] VALUES = {RouteResolver.NOT_FOUND, RouteResolver.REDIRECTION, RouteResolver.UNKNOWN};

    private FixedUris() {
    }

    /** @return the guard, keeping the fixed values */
    static RouteGuard keptBy(RouteGuard guard) {
        for (String value : VALUES) {
            guard.keepTemplate(value);
        }
        return guard;
    }

    /** @return whether the value is a fixed value or the guard's overflow value */
    static boolean isFixed(String uri, RouteGuard guard) {
        for (String value : VALUES) {
            if (value.equals(uri)) {
                return true;
            }
        }
        return uri.equals(guard.overflowValue());
    }
}
