package dev.perfmon.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open scopes {@linkplain RequestScope#detach() detached} from every thread (asynchronous
 * requests between dispatches), so that {@link PerfMon#inFlight()} lists them although no thread
 * holds them. A scope leaves when it closes. Bounded: past {@link #CAPACITY} scopes the oldest is
 * dropped from the view (its measurements are untouched), so requests that are never completed
 * cannot grow memory; a dropped scope is referenced here no more.
 *
 * <p>Only asynchronous requests come here, once per dispatch that detaches them, so a lock is cheap.
 */
final class DetachedScopes {

    /** How many detached scopes the in-flight view lists at most. */
    static final int CAPACITY = 1_024;

    private final int capacity;
    private final Map<RequestScope, Boolean> scopes;
    private long dropped;

    DetachedScopes(int capacity) {
        this.capacity = capacity;
        this.scopes = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RequestScope, Boolean> eldest) {
                if (size() > DetachedScopes.this.capacity) {
                    dropped++;
                    return true;
                }
                return false;
            }
        };
    }

    synchronized void add(RequestScope scope) {
        scopes.putIfAbsent(scope, Boolean.TRUE);
    }

    synchronized void remove(RequestScope scope) {
        scopes.remove(scope);
    }

    /** @return the scopes now, oldest first */
    synchronized List<RequestScope> snapshot() {
        return new ArrayList<>(scopes.keySet());
    }

    synchronized int size() {
        return scopes.size();
    }

    /** @return how many scopes were dropped from the view to stay within the capacity */
    synchronized long dropped() {
        return dropped;
    }

    synchronized void clear() {
        scopes.clear();
    }
}
