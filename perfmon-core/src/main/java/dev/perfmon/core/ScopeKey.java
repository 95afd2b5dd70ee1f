package dev.perfmon.core;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A typed key for state a module keeps in a request scope (the JDBC module keeps its
 * per-request statement fingerprints under one). The module owns the key; other modules cannot
 * read the state without it.
 *
 * <p>Keys compare by identity: create each one once, as a constant.
 *
 * @param <T> the type of the attached state
 */
public final class ScopeKey<T> {

    private final String name;
    private final Supplier<? extends T> initialValue;

    private ScopeKey(String name, Supplier<? extends T> initialValue) {
        this.name = name;
        this.initialValue = initialValue;
    }

    /**
     * Creates a key whose state is created lazily, on first access within a scope.
     *
     * @param name a descriptive name, for diagnostics only
     * @param initialValue creates the state for a scope; called at most once per scope
     * @param <T> the state's type
     * @return a new key, distinct from every other key
     */
    public static <T> ScopeKey<T> of(String name, Supplier<? extends T> initialValue) {
        return new ScopeKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(initialValue, "initialValue"));
    }

    T newValue() {
        return Objects.requireNonNull(initialValue.get(), () -> "initial value of scope key " + name);
    }

    /** @return the name given at creation */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ScopeKey[" + name + "]";
    }
}
