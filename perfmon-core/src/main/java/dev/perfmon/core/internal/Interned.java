package dev.perfmon.core.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * One instance per name, so callers compare by identity and find slots without hashing on the
 * hot path: the table behind {@code Segment.of} and {@code ScopeCounter.of}.
 *
 * @param <T> the named type
 */
public final class Interned<T> {

    private final ConcurrentMap<String, T> byName = new ConcurrentHashMap<>();
    private final String what;
    private final Function<String, T> create;

    /**
     * @param what what a name names, for the error message ({@code segment})
     * @param create makes the instance for a name not seen before
     */
    public Interned(String what, Function<String, T> create) {
        this.what = what;
        this.create = create;
    }

    /**
     * @return the instance with this name, created on first use
     * @throws IllegalArgumentException if the name is blank
     */
    public T of(String name) {
        Objects.requireNonNull(name, "name");
        T existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        Require.notBlank(what + " name", name);
        return byName.computeIfAbsent(name, create);
    }
}
