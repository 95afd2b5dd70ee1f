package dev.perfmon.core;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Exposes one {@link PerfMon}'s current scope to io.micrometer context-propagation. Each
 * instance has its own key, so two instances in one JVM do not see each other's scopes.
 */
final class ScopeContextAccessor implements ThreadLocalAccessor<RequestScope> {

    /** Prefix of every key; the instance id follows. */
    static final String KEY_PREFIX = "dev.perfmon.scope.";

    private final PerfMon perfMon;
    private final String key;

    private ScopeContextAccessor(PerfMon perfMon) {
        this.perfMon = perfMon;
        this.key = KEY_PREFIX + perfMon.id();
    }

    static AutoCloseable register(PerfMon perfMon) {
        ScopeContextAccessor accessor = new ScopeContextAccessor(perfMon);
        ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
        return () -> ContextRegistry.getInstance().removeThreadLocalAccessor(accessor.key);
    }

    @Override
    public Object key() {
        return key;
    }

    @Override
    public @Nullable RequestScope getValue() {
        RequestScope scope = perfMon.currentScope();
        if (scope != null) {
            scope.retain();
        }
        return scope;
    }

    @Override
    public void setValue(RequestScope value) {
        value.retain();
        perfMon.threadState().current = value;
    }

    @Override
    public void setValue() {
        perfMon.threadState().current = null;
    }

    @Override
    public void restore(RequestScope previousValue) {
        perfMon.threadState().current = previousValue;
    }
}
