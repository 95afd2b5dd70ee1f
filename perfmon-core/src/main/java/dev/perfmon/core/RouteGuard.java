package dev.perfmon.core;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides, once for all the meters of one {@link PerfMon}, which routes keep their own
 * {@code method}/{@code uri} tag values. Every meter keyed by route (the request timer, the
 * breakdown, N+1 and duplicate-query findings, pool timeouts and long holds) asks this guard, so a
 * route is kept by all of them or folded by all of them, never kept by one and folded by another.
 *
 * <p>A route is its {@linkplain RouteName spelling}, method and template ({@code GET /posts/{id}}).
 * Budgets count distinct templates, the values of the {@code uri} tag: {@code GET /posts} and
 * {@code POST /posts} spend one. Two budgets of {@link PerfMonConfig#maxTagValues()} templates each
 * keep traffic to unknown paths from pushing out the application's own routes:
 * <ul>
 *   <li>{@link #admitDeclared(String)}: routes the application names (a framework's route pattern,
 *       an exact servlet mapping, a route set in code);</li>
 *   <li>{@link #admit(String)}: routes derived from request paths (templating), and routes whose
 *       origin the caller cannot tell (a scope's name read while it runs, a job's name).</li>
 * </ul>
 * A route whose template is already kept is kept under any method. Templates {@linkplain
 * #keepTemplate(String) kept up front} (the fixed values a module names unmatched requests with, such
 * as {@code NOT_FOUND}) and the folded spellings themselves spend no budget. Past its budget a route
 * folds into its method and the overflow value ({@code GET OTHER}; a bare name into {@code OTHER}),
 * and the caller records the measurement there, so totals stay exact.
 *
 * <p>A kept route stays kept, so callers cache their meters by the answer once it equals the route.
 * A folded route keeps folding, except that a route the application declares is kept once the
 * declared budget has room for it, even if an admission of unknown origin folded it before; so
 * callers must not cache a folded answer under the folded route.
 *
 * <p>Bounded: at most two budgets of templates under each method are kept, and at most
 * 2,048 folded routes are remembered. Thread-safe. For a kept or remembered route
 * an admission is a map lookup or two and allocates nothing.
 */
public final class RouteGuard {

    /** How many folded routes are remembered, so that a route folded again and again allocates nothing. */
    static final int FOLDED_MEMORY = 2_048;

    private final String overflowValue;
    private final String[] methods;
    /** The folded spelling of each method, in {@link RouteName#methodIndex(String)} order. */
    private final String[] foldedByMethod;
    private final Budget declared;
    private final Budget other;
    /** Kept routes, each mapped to itself. */
    private final ConcurrentMap<String, String> kept = new ConcurrentHashMap<>();
    /** Templates that spent a budget: every route with one of them is kept. */
    private final Set<String> templates = ConcurrentHashMap.newKeySet();
    /** Folded routes remembered, each mapped to its folded spelling. */
    private final ConcurrentMap<String, String> folded = new ConcurrentHashMap<>();
    private volatile String[] fixedTemplates = new String[0];
    private final LongAdder foldings = new LongAdder();

    RouteGuard(int cap, String overflowValue) {
        this.overflowValue = overflowValue;
        this.methods = RouteName.methods();
        this.foldedByMethod = new String[methods.length];
        for (int i = 0; i < methods.length; i++) {
            foldedByMethod[i] = RouteName.of(methods[i], overflowValue);
        }
        this.declared = new Budget(cap);
        this.other = new Budget(cap);
    }

    /**
     * Admits a route derived from a request path, or one whose origin the caller cannot tell.
     *
     * @param route a route as scopes carry it ({@code GET /catalog/{id}}, {@code nightly-import})
     * @return the route itself (the kept instance) or its folded spelling ({@code GET OTHER})
     */
    public String admit(String route) {
        return admit(route, other);
    }

    /**
     * Admits a route the application names: a framework's route pattern, an exact servlet mapping,
     * a route set in code. Only such routes spend this budget, so no flood of paths can fold them.
     *
     * @param route a route as scopes carry it ({@code GET /posts/{id}})
     * @return the route itself (the kept instance) or its folded spelling ({@code GET OTHER})
     */
    public String admitDeclared(String route) {
        return admit(route, declared);
    }

    /**
     * Keeps every route with this template, under any method, without spending a budget: for the few
     * fixed values a module names requests with that matched no route ({@code NOT_FOUND},
     * {@code REDIRECTION}, {@code UNKNOWN}). The routes kept so are bounded by the templates kept
     * times the HTTP methods.
     *
     * @param template a fixed template value
     */
    public synchronized void keepTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("template must not be blank, was '" + template + "'");
        }
        String[] current = fixedTemplates;
        for (String existing : current) {
            if (existing.equals(template)) {
                return;
            }
        }
        String[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = template;
        fixedTemplates = next;
    }

    /** @return the overflow value folded routes carry as their template */
    public String overflowValue() {
        return overflowValue;
    }

    /** @return how many admissions folded a route */
    public long foldedCount() {
        return foldings.sum();
    }

    /** @return how many routes are kept, fixed ones included */
    public int keptCount() {
        return kept.size();
    }

    private String admit(String route, Budget budget) {
        String known = kept.get(route);
        if (known != null) {
            return known;
        }
        known = folded.get(route);
        if (known != null && (budget != declared || declared.isSpent())) {
            foldings.increment();
            return known;
        }
        return decide(route, budget);
    }

    /** A route not kept yet: keep it if its template is kept or fits the budget, else fold it. */
    private String decide(String route, Budget budget) {
        int method = RouteName.methodIndex(route);
        String foldedRoute = method < 0 ? overflowValue : foldedByMethod[method];
        if (route.equals(foldedRoute)) {
            return foldedRoute;
        }
        String template = method < 0 ? route : route.substring(methods[method].length() + 1);
        if (isFixed(template) || templates.contains(template)) {
            return keep(route);
        }
        if (budget.isSpent()) {
            // A template kept as the budget ran out is in the set before the budget shows it spent.
            return templates.contains(template) ? keep(route) : fold(route, foldedRoute);
        }
        return decideWithRoom(route, template, foldedRoute, budget);
    }

    /**
     * One decision at a time while the budget has room: two threads deciding one template as its
     * last place went could otherwise answer differently (one keeps it, the other, not seeing it
     * yet, finds the budget spent), and one route would be kept by one meter and folded by another.
     * The template goes in the set before the budget is spent, for the check without the lock.
     */
    private synchronized String decideWithRoom(String route, String template, String foldedRoute, Budget budget) {
        if (templates.contains(template)) {
            return keep(route);
        }
        if (budget.isSpent()) {
            return fold(route, foldedRoute);
        }
        templates.add(template);
        budget.spend();
        return keep(route);
    }

    private String fold(String route, String foldedRoute) {
        if (folded.size() < FOLDED_MEMORY) {
            folded.putIfAbsent(route, foldedRoute);
        }
        foldings.increment();
        return foldedRoute;
    }

    private String keep(String route) {
        String raced = kept.putIfAbsent(route, route);
        folded.remove(route);
        return raced == null ? route : raced;
    }

    private boolean isFixed(String template) {
        for (String fixed : fixedTemplates) {
            if (fixed.equals(template)) {
                return true;
            }
        }
        return false;
    }

    /** A number of templates that may still be kept; spent only under the guard's lock, never freed. */
    private static final class Budget {
        private final int cap;
        private final AtomicInteger spent = new AtomicInteger();

        Budget(int cap) {
            this.cap = cap;
        }

        void spend() {
            spent.incrementAndGet();
        }

        boolean isSpent() {
            return spent.get() >= cap;
        }
    }
}
