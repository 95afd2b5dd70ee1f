package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.servlet.RouteResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Runs the configured {@link RouteResolver}s in order. It runs twice per request: at the start
 * (status 0, for the in-flight meter and the scope's opening name) and at the end. At the start
 * only custom resolvers, route attributes and the servlet mapping are asked; the status rule
 * and the templated path are not, so a request nothing names yet starts as {@code UNKNOWN}
 * (as in Spring) and never as a raw path. A built-in resolver that depends only on the request
 * line and was asked at the start is not run again: its early answer (or silence) is reused. A
 * resolver that throws is counted as an internal failure and skipped.
 */
public final class RouteChain {

    private final PerfMon perfMon;
    private final RouteResolver[] resolvers;
    private final boolean[] normalized;
    private final boolean[] early;
    /** Asked at the start and answers the same at the end. */
    private final boolean[] settledEarly;
    /** Derives routes from the path: its values spend the overflow budget. */
    private final boolean[] templating;

    public RouteChain(PerfMon perfMon, List<RouteResolver> resolvers) {
        this.perfMon = perfMon;
        this.resolvers = resolvers.toArray(new RouteResolver[0]);
        this.normalized = new boolean[this.resolvers.length];
        this.early = new boolean[this.resolvers.length];
        this.settledEarly = new boolean[this.resolvers.length];
        this.templating = new boolean[this.resolvers.length];
        for (int i = 0; i < this.resolvers.length; i++) {
            early[i] = RouteResolvers.answersEarly(this.resolvers[i]);
            settledEarly[i] = early[i] && RouteResolvers.isInvariant(this.resolvers[i]);
            normalized[i] = RouteResolvers.isNormalized(this.resolvers[i]);
            templating[i] = RouteResolvers.isTemplating(this.resolvers[i]);
        }
    }

    /**
     * Resolves the route known at the start of the request into the state's early route and
     * index: {@code UNKNOWN} and -1 when no resolver asked at the start names it.
     */
    void resolveEarly(HttpServletRequest request, RequestState state) {
        for (int i = 0; i < resolvers.length; i++) {
            if (!early[i]) {
                continue;
            }
            String route = ask(i, request, 0);
            if (route != null) {
                state.earlyRoute = route;
                state.earlyIndex = i;
                return;
            }
        }
        state.earlyRoute = RouteResolver.UNKNOWN;
        state.earlyIndex = -1;
    }

    /**
     * Resolves the final route of the request and records in the state whether it came from
     * the templated path ({@link RequestState#templatedRoute}), the only source whose values
     * spend the overflow budget.
     *
     * @return the final route of the request
     */
    String resolveFinal(HttpServletRequest request, int status, RequestState state) {
        String earlyRoute = state.earlyRoute;
        int earlyIndex = state.earlyIndex;
        state.templatedRoute = false;
        for (int i = 0; i < resolvers.length; i++) {
            if (settledEarly[i]) {
                if (i == earlyIndex) {
                    return earlyRoute;
                }
                if (earlyIndex < 0 || i < earlyIndex) {
                    continue; // answered nothing at the start and cannot answer now
                }
            }
            String route = ask(i, request, status);
            if (route != null) {
                state.templatedRoute = templating[i];
                return route;
            }
        }
        return RouteResolver.UNKNOWN;
    }

    private @Nullable String ask(int i, HttpServletRequest request, int status) {
        try {
            String route = resolvers[i].resolve(request, status);
            if (route == null || normalized[i]) {
                return route;
            }
            return PathTemplates.normalize(route);
        } catch (RuntimeException failure) {
            perfMon.recordFailure("servlet.route", failure);
            return null;
        }
    }
}
