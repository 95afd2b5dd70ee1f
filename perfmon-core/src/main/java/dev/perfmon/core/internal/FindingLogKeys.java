package dev.perfmon.core.internal;

import org.jspecify.annotations.Nullable;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-key state of the default finding log, bounded to {@code maxKeys} keys. A full map
 * makes room by evicting idle keys (no line within the last interval), never by clearing the
 * keys that are still rate-limiting; only keys that wrote a line are ever added, so with a line
 * budget below {@code maxKeys} idle keys are always there to evict.
 */
final class FindingLogKeys {

    private final int maxKeys;
    private final long intervalNanos;
    private final ConcurrentMap<Key, Window> windows = new ConcurrentHashMap<>();
    private final Object sweep = new Object();

    FindingLogKeys(int maxKeys, long intervalNanos) {
        this.maxKeys = maxKeys;
        this.intervalNanos = intervalNanos;
    }

    /** @return the window of the key, or null when the key is not tracked */
    @Nullable Window get(Key key) {
        return windows.get(key);
    }

    /** @return the window of the key, added (after evicting idle keys if the map is full) when absent */
    Window admit(Key key, long now) {
        Window window = windows.get(key);
        if (window != null) {
            return window;
        }
        if (windows.size() >= maxKeys) {
            makeRoom(now);
        }
        return windows.computeIfAbsent(key, k -> new Window());
    }

    /** @return how many keys are tracked */
    int size() {
        return windows.size();
    }

    private void makeRoom(long now) {
        synchronized (sweep) {
            if (windows.size() < maxKeys) {
                return;
            }
            windows.values().removeIf(w -> !w.isOpen(now, intervalNanos));
            // Only reachable when more keys than the bound wrote a line within one interval.
            Iterator<Window> rest = windows.values().iterator();
            while (windows.size() >= maxKeys && rest.hasNext()) {
                rest.next();
                rest.remove();
            }
        }
    }

    /**
     * What findings are told apart by: kind, route and the event's own log key (a statement
     * shape, a rule), the latter kept as its hash so a long statement costs no memory here.
     */
    record Key(String kind, String route, int shape) {
    }

    /** The last time a line was written for one key, and how many findings were left out since. */
    static final class Window {
        private static final long NEVER = Long.MIN_VALUE;

        private final AtomicLong lastLine = new AtomicLong(NEVER);
        private final AtomicLong suppressed = new AtomicLong();

        /** @return whether a line was written within the last interval (the key is rate-limiting) */
        boolean isOpen(long now, long interval) {
            long last = lastLine.get();
            return last != NEVER && now - last < interval;
        }

        /** Counts one finding left out of the log for this key. */
        void suppress() {
            suppressed.incrementAndGet();
        }

        /** @return -1 when another thread wrote the line first, otherwise the findings left out since the previous line */
        long tryOpen(long now, long interval) {
            long last = lastLine.get();
            if ((last != NEVER && now - last < interval) || !lastLine.compareAndSet(last, now)) {
                suppressed.incrementAndGet();
                return -1;
            }
            return suppressed.getAndSet(0);
        }
    }
}
