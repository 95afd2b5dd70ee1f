package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.servlet.RouteResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * Runs the configured {@link RouteResolver}s in order. It runs twice per request: at the start
 * (status 0, for the in-flight meter; built-in attribute and status resolvers cannot answer yet
 * and are skipped) and at the end. Built-in resolvers that depend only on
 * the request line are not run again: their early answer is reused. A resolver that throws is
 * counted as an internal failure and skipped.
 */
public final class RouteChain {

    private final PerfMon perfMon;
    private final RouteResolver[] resolvers;
    private final boolean[] invariant;
    private final boolean[] normalized;
    private final boolean[] early;

    public RouteChain(PerfMon perfMon, List<RouteResolver> resolvers) {
        this.perfMon = perfMon;
        this.resolvers = resolvers.toArray(new RouteResolver[0]);
        this.invariant = new boolean[this.resolvers.length];
        this.normalized = new boolean[this.resolvers.length];
        this.early = new boolean[this.resolvers.length];
        for (int i = 0; i < this.resolvers.length; i++) {
            early[i] = RouteResolvers.answersEarly(this.resolvers[i]);
            invariant[i] = RouteResolvers.isInvariant(this.resolvers[i]);
            normalized[i] = RouteResolvers.isNormalized(this.resolvers[i]);
        }
    }

    /** Resolves the route known at the start of the request into the state's early route and index. */
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
     * @param earlyRoute what {@link #resolveEarly} answered
     * @param earlyIndex which resolver answered it
     * @return the final route of the request
     */
    public String resolveFinal(HttpServletRequest request, int status, String earlyRoute, int earlyIndex) {
        for (int i = 0; i < resolvers.length; i++) {
            if (invariant[i]) {
                if (i == earlyIndex) {
                    return earlyRoute;
                }
                if (i < earlyIndex) {
                    continue; // answered nothing at the start and cannot answer now
                }
            }
            String route = ask(i, request, status);
            if (route != null) {
                return route;
            }
        }
        return RouteResolver.UNKNOWN;
    }

    private String ask(int i, HttpServletRequest request, int status) {
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
