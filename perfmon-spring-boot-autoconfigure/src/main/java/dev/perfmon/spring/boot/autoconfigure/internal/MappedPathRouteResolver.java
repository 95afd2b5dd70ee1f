package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.servlet.RouteResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Names a request Spring MVC rejected before choosing a handler by the pattern of the mapping its
 * path matches: {@code DELETE /posts/1} answered 405, {@code POST /posts} with the wrong content
 * type answered 415, or a security filter's 401/403 on {@code /admin/posts/1}, all become their
 * route template instead of {@code UNKNOWN}. Spring sets its best-matching pattern only once a
 * handler matched on method, content type and path; this resolver matches the path alone, against
 * the application's own mappings, so a path no mapping has (a scanner's) is never named by it.
 * The most specific matching pattern wins, as in Spring.
 */
public final class MappedPathRouteResolver implements RouteResolver {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile @Nullable List<PathPattern> patterns;

    /** @param mappings Spring MVC's annotated handler mappings, read on first use */
    public MappedPathRouteResolver(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public @Nullable String resolve(HttpServletRequest request, int status) {
        if (status < 400 || status == 404 || status >= 500
                || request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) != null) {
            return null;
        }
        PathContainer path = PathContainer.parsePath(pathWithinApplication(request));
        PathPattern best = null;
        for (PathPattern pattern : patterns()) {
            if (pattern.matches(path) && (best == null || PathPattern.SPECIFICITY_COMPARATOR.compare(pattern, best) < 0)) {
                best = pattern;
            }
        }
        return best == null ? null : best.getPatternString();
    }

    private List<PathPattern> patterns() {
        List<PathPattern> known = patterns;
        if (known == null) {
            known = new ArrayList<>();
            for (RequestMappingHandlerMapping mapping : mappings) {
                for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                    PathPatternsRequestCondition condition = info.getPathPatternsCondition();
                    if (condition != null) {
                        known.addAll(condition.getPatterns());
                    }
                }
            }
            known = List.copyOf(known);
            patterns = known;
        }
        return known;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null) {
            return "";
        }
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
