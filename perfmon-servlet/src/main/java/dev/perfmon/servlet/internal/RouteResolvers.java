package dev.perfmon.servlet.internal;

import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.servlet.RouteResolver;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Objects;

/** The built-in {@link RouteResolver}s and the default chain. */
public final class RouteResolvers {

    /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}. */
    public static final String SPRING_MVC_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private static final RouteResolver PERFMON = new Attribute(PerfMonFilter.ROUTE_ATTRIBUTE);
    private static final RouteResolver SPRING = new Attribute(SPRING_MVC_PATTERN);
    private static final RouteResolver STATUS = new NotFoundAndRedirection();
    private static final RouteResolver MAPPING = new ServletMapping();
    private static final RouteResolver TEMPLATED = new TemplatedPath();
    private static final List<RouteResolver> DEFAULTS = List.of(PERFMON, SPRING, MAPPING, STATUS, TEMPLATED);

    private RouteResolvers() {
    }

    /**
     * @return perfmon attribute, Spring MVC pattern, exact servlet mapping, NOT_FOUND/REDIRECTION,
     *     templated path (only for the answers of a handler, see {@link TemplatingRule}): a route
     *     a framework or an exact servlet mapping names is kept whatever the status, as Spring
     *     keeps a matched handler's pattern; any other request is named by its 404 or 3xx status,
     *     or {@code UNKNOWN}, so unmatched paths (scanners) cannot become {@code uri} values
     */
    public static List<RouteResolver> defaults() {
        return DEFAULTS;
    }

    public static RouteResolver attribute(String name) {
        return new Attribute(Objects.requireNonNull(name, "name"));
    }

    public static RouteResolver perfMonAttribute() {
        return PERFMON;
    }

    public static RouteResolver springMvc() {
        return SPRING;
    }

    public static RouteResolver notFoundAndRedirection() {
        return STATUS;
    }

    public static RouteResolver servletMapping() {
        return MAPPING;
    }

    public static RouteResolver templatedPath() {
        return TEMPLATED;
    }

    /** @return whether the resolver's answer depends only on the request line, so it can be computed once */
    static boolean isInvariant(RouteResolver resolver) {
        return resolver instanceof Builtin && ((Builtin) resolver).invariant;
    }

    /**
     * @return whether the resolver is asked at the start of a request, for the in-flight meter:
     *     custom resolvers, route attributes (usually still unset then) and the servlet mapping
     *     are; the status rule is not (no status yet), and neither is the templated path, so a
     *     raw path (a scanner's {@code /3w5e1/wp-admin.php}) never tags the in-flight meter
     */
    static boolean answersEarly(RouteResolver resolver) {
        return !(resolver instanceof Builtin) || ((Builtin) resolver).early;
    }

    /**
     * @return whether the resolver derives routes from the request path (the templated path):
     *     its values spend the overflow budget; every other resolver's values are routes the
     *     application declares and never fold because of unknown paths
     */
    static boolean isTemplating(RouteResolver resolver) {
        return resolver == TEMPLATED;
    }

    /** @return whether the resolver's answers are already normalized templates */
    static boolean isNormalized(RouteResolver resolver) {
        return resolver instanceof Builtin && ((Builtin) resolver).normalized;
    }

    /**
     * @param request a request
     * @return the raw (still percent-encoded) path after the context path, without query
     */
    public static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return "";
        }
        String context = request.getContextPath();
        if (context != null && !context.isEmpty() && uri.startsWith(context)) {
            return uri.substring(context.length());
        }
        return uri;
    }

    /**
     * What the chain knows about a built-in resolver: whether it can answer before the response
     * ({@code early}), whether its answer never depends on the status ({@code invariant}), and
     * whether it returns routes already in normal form ({@code normalized}).
     */
    abstract static class Builtin implements RouteResolver {
        private final String name;
        private final boolean early;
        private final boolean invariant;
        private final boolean normalized;

        Builtin(String name, boolean early, boolean invariant, boolean normalized) {
            this.name = name;
            this.early = early;
            this.invariant = invariant;
            this.normalized = normalized;
        }

        @Override
        public final String toString() {
            return name;
        }
    }

    private static final class Attribute extends Builtin {
        private final String name;

        Attribute(String name) {
            super("attribute(" + name + ")", true, false, false);
            this.name = name;
        }

        @Override
        public @Nullable String resolve(HttpServletRequest request, int status) {
            Object value = request.getAttribute(name);
            return value == null ? null : value.toString();
        }
    }

    private static final class NotFoundAndRedirection extends Builtin {
        NotFoundAndRedirection() {
            super("notFoundAndRedirection", false, false, true);
        }

        @Override
        public @Nullable String resolve(HttpServletRequest request, int status) {
            if (status == 404) {
                return RouteResolver.NOT_FOUND;
            }
            if (status >= 300 && status < 400) {
                return RouteResolver.REDIRECTION;
            }
            return null;
        }
    }

    /**
     * Names requests that reached an exact servlet mapping, by its pattern, or the context root.
     * Path-prefix ({@code /api/*}), extension ({@code *.do}) and default ({@code /}) mappings
     * match paths that need not exist, so reaching them names no route: such requests fall to
     * the status rule and then the templated path, and a 404 under {@code /api/*} stays
     * {@code NOT_FOUND} however many distinct paths a scanner tries.
     */
    private static final class ServletMapping extends Builtin {
        ServletMapping() {
            super("servletMapping", true, true, true);
        }

        @Override
        public @Nullable String resolve(HttpServletRequest request, int status) {
            HttpServletMapping mapping = request.getHttpServletMapping();
            MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
            if (match == MappingMatch.CONTEXT_ROOT) {
                return RouteResolver.ROOT;
            }
            if (match == MappingMatch.EXACT) {
                String pattern = mapping.getPattern();
                return pattern == null ? null : PathTemplates.normalize(pattern);
            }
            return null;
        }
    }

    /**
     * The fallback: the templated path, but only for answers {@link TemplatingRule} accepts, so
     * what the container or a filter answers for any path (405, 501, OPTIONS, 401, 403, ...)
     * never turns a scanner's path into a route; those requests end as {@code UNKNOWN}.
     */
    private static final class TemplatedPath extends Builtin {
        TemplatedPath() {
            super("templatedPath", false, false, true);
        }

        @Override
        public @Nullable String resolve(HttpServletRequest request, int status) {
            if (!TemplatingRule.applies(MethodTag.of(request.getMethod()), status)) {
                return null;
            }
            return PathTemplates.template(pathWithinApplication(request));
        }
    }
}
