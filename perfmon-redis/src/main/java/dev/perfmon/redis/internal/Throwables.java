package dev.perfmon.redis.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Moves the application's exceptions across threads unchanged. */
final class Throwables {

    private Throwables() {
    }

    /** @return the failure without the wrappers futures add */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Throws any throwable, checked or not, as it is. */
    static RuntimeException rethrow(Throwable failure) {
        Throwables.<RuntimeException>sneaky(failure);
        return new IllegalStateException("unreachable", failure);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable failure) throws T {
        throw (T) failure;
    }
}
