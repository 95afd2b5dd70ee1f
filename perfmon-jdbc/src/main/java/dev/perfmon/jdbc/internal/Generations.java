package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map approximating LRU with two generations and no bookkeeping on reads: lookups hit
 * the young map, fall back to the old one (promoting the entry), and when the young map fills it
 * becomes the old one. Holds at most twice its capacity.
 */
final class Generations<V> {

    private final int capacity;
    private volatile ConcurrentHashMap<String, V> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, V> old = new ConcurrentHashMap<>();

    Generations(int capacity) {
        this.capacity = capacity;
    }

    @Nullable V get(String key) {
        V value = young.get(key);
        if (value == null) {
            value = old.get(key);
            if (value != null) {
                put(key, value);
            }
        }
        return value;
    }

    void put(String key, V value) {
        ConcurrentHashMap<String, V> y = young;
        if (y.size() >= capacity) {
            rotate(y);
            y = young;
        }
        y.put(key, value);
    }

    private synchronized void rotate(ConcurrentHashMap<String, V> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>();
        }
    }

    int size() {
        return young.size() + old.size();
    }
}
