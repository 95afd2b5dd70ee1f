package dev.perfmon.core;

/**
 * A short, fixed name a request scope keeps its numbers under: a {@link Segment} of time or a
 * {@link ScopeCounter}. Both are interned, so a scope finds a name's slot by identity; the name
 * is what their meters show as a tag value.
 */
public abstract sealed class ScopeName permits Segment, ScopeCounter {

    private final String name;

    ScopeName(String name) {
        this.name = name;
    }

    /** @return the name, as given to {@code of} */
    public final String name() {
        return name;
    }

    @Override
    public final String toString() {
        return name;
    }
}
