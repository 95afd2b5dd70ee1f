package dev.perfmon.core;

import java.util.Objects;
import java.util.function.Predicate;
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
    /** Empties a closed scope's state for the next scope of its thread; {@code null} when state is not reused. */
    private final Predicate<? super T> reset;

    private ScopeKey(String name, Supplier<? extends T> initialValue, Predicate<? super T> reset) {
        this.name = name;
        this.initialValue = initialValue;
        this.reset = reset;
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
        return new ScopeKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(initialValue, "initialValue"),
                null);
    }

    /**
     * Creates a key whose state is kept with a reused scope: when a scope that never left its
     * thread closes, {@code reset} empties its state, and the next scope of that thread that asks
     * for the key gets the same object instead of a new one, so steady-state requests allocate
     * nothing for it. {@code reset} returns false to drop the state instead (it grew larger than
     * is worth keeping per thread). The reset state is kept in a thread-local: it must hold no
     * reference to the request it served, and neither it nor the two functions may reference the
     * module's long-lived objects (a {@link PerfMon}, a registry).
     *
     * @param name a descriptive name, for diagnostics only
     * @param initialValue creates the state for a scope that has none to reuse
     * @param reset empties a closed scope's state; returns whether to keep it for reuse
     * @param <T> the state's type
     * @return a new key, distinct from every other key
     */
    public static <T> ScopeKey<T> reusable(String name, Supplier<? extends T> initialValue,
                                           Predicate<? super T> reset) {
        return new ScopeKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(initialValue, "initialValue"),
                Objects.requireNonNull(reset, "reset"));
    }

    T newValue() {
        return Objects.requireNonNull(initialValue.get(), () -> "initial value of scope key " + name);
    }

    /** @return whether {@code value}, emptied, may serve the next scope of its thread */
    boolean resetForReuse(Object value) {
        @SuppressWarnings("unchecked")
        T state = (T) value;
        return reset != null && reset.test(state);
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
