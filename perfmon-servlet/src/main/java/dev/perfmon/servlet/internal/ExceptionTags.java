package dev.perfmon.servlet.internal;

import dev.perfmon.core.TagValueGuard;
import jakarta.servlet.ServletException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code exception} and {@code error} tags as Spring writes them: the simple class name,
 * the full name for anonymous classes, {@code none} without a failure. Names are computed once
 * per class and bounded by a cap like every other tag, and a {@link ServletException} is
 * unwrapped to its cause as Spring does.
 */
public final class ExceptionTags {

    /** The value without a failure. */
    public static final String NONE = "none";

    private final TagValueGuard guard;
    private final ClassValue<String> names = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String simple = type.getSimpleName();
            return guard.admit(simple == null || simple.isEmpty() ? type.getName() : simple);
        }
    };

    public ExceptionTags(TagValueGuard guard) {
        this.guard = guard;
    }

    /** @return the tag value of a failure, {@code none} for null */
    public String of(@Nullable Throwable failure) {
        return failure == null ? NONE : names.get(failure.getClass());
    }

    /** @return the failure Spring would record: a ServletException's cause when it has one */
    public static Throwable unwrap(Throwable failure) {
        if (failure instanceof ServletException && failure.getCause() != null) {
            return failure.getCause();
        }
        return failure;
    }
}
