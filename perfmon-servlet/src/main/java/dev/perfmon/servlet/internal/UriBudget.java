package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.TagValueGuard;
import dev.perfmon.servlet.RouteResolver;

/**
 * Bounds the {@code uri} values of one meter with two separate budgets, so that traffic to
 * unknown paths can never push a declared route into the overflow value:
 * <ul>
 *   <li>routes the application declares (a framework's pattern attribute, an exact servlet
 *       mapping, {@code setRoute}, custom resolvers) have a budget of their own, which only a
 *       resolver returning raw paths could exhaust;</li>
 *   <li>values derived from the request path by templating spend the other one: past the cap
 *       they fold into the overflow value ({@code OTHER});</li>
 *   <li>the fixed values {@code NOT_FOUND}, {@code REDIRECTION}, {@code UNKNOWN} and the
 *       overflow value itself spend neither.</li>
 * </ul>
 * Both caps are {@code PerfMonConfig.maxTagValues}. Called only when a meter cache misses.
 */
final class UriBudget {

    private final TagValueGuard declared;
    private final TagValueGuard templated;
    private final String overflow;

    UriBudget(PerfMon perfMon) {
        this.declared = perfMon.newTagValueGuard();
        this.templated = perfMon.newTagValueGuard();
        this.overflow = templated.overflowValue();
    }

    /**
     * @param uri a resolved route
     * @param fromTemplate whether it was derived from the request path
     * @return the value to tag with: {@code uri} itself, or the overflow value
     */
    String admit(String uri, boolean fromTemplate) {
        if (isFixed(uri)) {
            return uri;
        }
        return (fromTemplate ? templated : declared).admit(uri);
    }

    /** @return whether the value is one of the fixed values, which are never zero-initialised nor capped */
    boolean isFixed(String uri) {
        return uri.equals(RouteResolver.NOT_FOUND) || uri.equals(RouteResolver.REDIRECTION)
                || uri.equals(RouteResolver.UNKNOWN) || uri.equals(overflow);
    }

    TagValueGuard declared() {
        return declared;
    }

    TagValueGuard templated() {
        return templated;
    }
}
