package dev.perfmon.servlet;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.servlet.internal.FilterEngine;
import dev.perfmon.servlet.internal.InitParameters;
import dev.perfmon.servlet.internal.RequestState;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Times every HTTP request of a jakarta.servlet 6 application and attributes where its time
 * went. Per request it:
 * <ul>
 *   <li>records {@code http.server.requests} (Timer; tags {@code method}, {@code uri},
 *       {@code status}, {@code outcome}, {@code exception}, {@code error}, with Spring's names
 *       and values) and {@code http.server.requests.active} (LongTaskTimer; {@code method},
 *       {@code uri});</li>
 *   <li>opens the perfmon request scope, so JDBC and Redis time is attributed to the route,
 *       and closes it when the request completes, after setting its final route, so the
 *       breakdown meters ({@code perfmon.request.segment}, {@code perfmon.request.statements})
 *       carry the same {@code uri};</li>
 *   <li>optionally adds a W3C {@code Server-Timing} header (off by default).</li>
 * </ul>
 *
 * <p>Register it for dispatcher types {@code REQUEST} and {@code ASYNC}, first in the chain,
 * async-supported: {@link #registerWith(ServletContext)} does exactly that. Forward, include
 * and error dispatches pass through untimed, so nothing is counted twice. An asynchronous
 * request is timed until it completes (an {@code AsyncListener}), its scope stays open until
 * then, is bound during async re-dispatches and is carried into {@code AsyncContext.start}.
 *
 * <p>The filter never lets a failure of its own reach the application (it is counted as
 * {@code perfmon.internal.errors{component="servlet.filter"}}), and rethrows the application's
 * exceptions unchanged: an exception escaping the chain is recorded as status 500, or 499 when
 * it means the client closed the connection (a broken pipe while writing).
 *
 * <p>For {@code web.xml}, the no-argument constructor finds the {@link PerfMon} in the servlet
 * context attribute {@link #PERFMON_ATTRIBUTE} and reads init parameters
 * {@code server-timing}, {@code exclude-path-prefixes}, {@code percentile-histogram} and
 * {@code slo-buckets}; without a PerfMon it logs a warning and passes requests through.
 */
public final class PerfMonFilter implements Filter {

    /**
     * Request attribute a framework or the application sets to the matched route template
     * ({@code /posts/{id}}); it wins over every other source of the route. See
     * {@link #setRoute(ServletRequest, String)}.
     */
    public static final String ROUTE_ATTRIBUTE = "dev.perfmon.servlet.route";
    /** Servlet context attribute holding the application's {@link PerfMon} (web.xml form, dashboard). */
    public static final String PERFMON_ATTRIBUTE = "dev.perfmon.core.PerfMon";
    /** The request timer. */
    public static final String REQUESTS_METER = FilterEngine.REQUESTS;
    /** The in-flight request long task timer. */
    public static final String ACTIVE_METER = FilterEngine.ACTIVE;
    /** The timer of long-lived (streaming) requests, kept apart from {@link #REQUESTS_METER}. */
    public static final String STREAMS_METER = FilterEngine.STREAMS;
    /** The in-flight long-lived request long task timer. */
    public static final String STREAMS_ACTIVE_METER = FilterEngine.STREAMS_ACTIVE;
    /** The name {@link #registerWith(ServletContext)} registers the filter under. */
    public static final String FILTER_NAME = "perfMonFilter";

    private static final System.Logger LOG = System.getLogger(PerfMonFilter.class.getName());

    /** Null until {@link #init} for a filter built by the container. */
    private volatile @Nullable FilterEngine engine;

    /** For {@code web.xml}: the {@link PerfMon} is taken from the servlet context in {@link #init}. */
    public PerfMonFilter() {
    }

    /**
     * @param perfMon where requests are recorded
     */
    public PerfMonFilter(PerfMon perfMon) {
        this(perfMon, HttpMetricsConfig.defaults());
    }

    /**
     * @param perfMon where requests are recorded
     * @param config the filter's settings
     */
    public PerfMonFilter(PerfMon perfMon, HttpMetricsConfig config) {
        this.engine = new FilterEngine(Objects.requireNonNull(perfMon, "perfMon"), Objects.requireNonNull(config, "config"));
    }

    /**
     * Registers this filter with a servlet context that is being initialised (from a
     * {@code ServletContainerInitializer} or {@code ServletContextListener}): named
     * {@value #FILTER_NAME}, for {@code /*}, dispatcher types {@code REQUEST} and {@code ASYNC},
     * async-supported, before filters declared in {@code web.xml}. Also publishes the
     * {@link PerfMon} as the context attribute {@link #PERFMON_ATTRIBUTE} unless one is there.
     *
     * @param context the servlet context
     * @return the registration, for further settings
     * @throws IllegalStateException if a filter of that name is registered already, or the
     *     filter has no PerfMon yet
     */
    public FilterRegistration.Dynamic registerWith(ServletContext context) {
        FilterEngine current = engine;
        if (current == null) {
            throw new IllegalStateException("this PerfMonFilter was created without a PerfMon; use new PerfMonFilter(perfMon)");
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, this);
        if (registration == null) {
            throw new IllegalStateException("a filter named " + FILTER_NAME + " is already registered");
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
        if (context.getAttribute(PERFMON_ATTRIBUTE) == null) {
            context.setAttribute(PERFMON_ATTRIBUTE, current.perfMon());
        }
        return registration;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (engine != null) {
            return;
        }
        Object perfMon = filterConfig.getServletContext().getAttribute(PERFMON_ATTRIBUTE);
        if (!(perfMon instanceof PerfMon)) {
            LOG.log(System.Logger.Level.WARNING, "PerfMonFilter: no PerfMon in servlet context attribute "
                    + PERFMON_ATTRIBUTE + "; requests pass through untimed. Set it in a ServletContextListener.");
            return;
        }
        try {
            engine = new FilterEngine((PerfMon) perfMon, InitParameters.parse(filterConfig));
        } catch (IllegalArgumentException invalid) {
            throw new ServletException("PerfMonFilter: " + invalid.getMessage(), invalid);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        FilterEngine current = engine;
        if (current == null) {
            chain.doFilter(request, response);
        } else {
            current.doFilter(request, response, chain);
        }
    }

    @Override
    public void destroy() {
        // Nothing to release: meters belong to the registry, the PerfMon to the application.
    }

    /**
     * Names the route of a request, for frameworks and applications that know it: sets
     * {@link #ROUTE_ATTRIBUTE} and, when the request is being timed, the route of its scope
     * and of its in-flight sample ({@code http.server.requests.active}) at once, so findings
     * published while it runs (a pool exhaustion, say) and a per-route in-flight panel name it.
     * A declared route: traffic to unknown paths never folds it into the overflow value.
     *
     * @param request the request (or any wrapper of it)
     * @param route a template such as {@code /posts/{id}}, never a raw path
     */
    public static void setRoute(ServletRequest request, String route) {
        Objects.requireNonNull(route, "route");
        request.setAttribute(ROUTE_ATTRIBUTE, route);
        RequestState state = RequestState.find(request);
        if (state != null) {
            state.routeNamed(route);
        }
    }

    /**
     * @param request the request (or any wrapper of it)
     * @return the open request scope of a timed request, or {@code null} (not timed, or
     *     completed); do not keep it past the request
     */
    public static @Nullable RequestScope scope(ServletRequest request) {
        RequestState state = RequestState.find(request);
        RequestScope scope = state == null ? null : state.scope();
        return scope != null && scope.isOpen() ? scope : null;
    }
}
