package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import dev.perfmon.jdbc.ExecutedStatement;
import dev.perfmon.jdbc.StatementType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statement shapes one scope ran while a {@link dev.perfmon.jdbc.StatementLog} was attached,
 * with the call sites that ran them. Only exists then (tests), so it may walk the stack: each
 * shape's first {@link #WALKS_PER_SHAPE} round trips are walked, later ones count toward the last
 * call site seen. Holds at most {@link #MAX_SHAPES} shapes. Thread-safe; walks run outside the lock.
 */
public final class ScopeLog {

    /** Statement shapes kept per scope. */
    public static final int MAX_SHAPES = 500;
    static final int WALKS_PER_SHAPE = 64;

    private final List<Shape> shapes = new ArrayList<>();
    private boolean claimed;
    private int analysed;

    /** @return true for the first caller only: the one that announces the scope to the logs */
    synchronized boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** @return true for the call that completes {@code monitors} calls: every data source has analysed the scope */
    synchronized boolean analysedBy(int monitors) {
        return ++analysed == monitors;
    }

    void add(String dataSource, SqlInfo info, CallSites callSites) {
        Shape shape;
        synchronized (this) {
            shape = shape(dataSource, info);
            if (shape == null) {
                return;
            }
            shape.count++;
            if (shape.walks >= WALKS_PER_SHAPE) {
                shape.at(shape.lastSite);
                return;
            }
            shape.walks++;
        }
        String site = callSites.find();
        synchronized (this) {
            shape.at(site);
        }
    }

    private @Nullable Shape shape(String dataSource, SqlInfo info) {
        for (Shape shape : shapes) {
            if (shape.fingerprint.equals(info.fingerprint()) && shape.dataSource.equals(dataSource)) {
                return shape;
            }
        }
        if (shapes.size() >= MAX_SHAPES) {
            return null;
        }
        Shape created = new Shape(dataSource, info.fingerprint(), StatementType.values()[info.type().ordinal()]);
        shapes.add(created);
        return created;
    }

    /** @return every shape so far, in first-run order */
    public synchronized List<ExecutedStatement> statements() {
        List<ExecutedStatement> result = new ArrayList<>(shapes.size());
        for (Shape shape : shapes) {
            List<Map.Entry<String, Integer>> sites = new ArrayList<>(shape.sites.entrySet());
            sites.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
            Map<String, Integer> bySize = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> site : sites) {
                bySize.put(site.getKey(), site.getValue());
            }
            result.add(new ExecutedStatement(shape.dataSource, shape.fingerprint, shape.type, shape.count, bySize));
        }
        return result;
    }

    /** One statement shape of one data source. */
    private static final class Shape {
        final String dataSource;
        final String fingerprint;
        final StatementType type;
        final Map<String, Integer> sites = new LinkedHashMap<>(4);
        int count;
        int walks;
        String lastSite = CallSites.UNKNOWN;

        Shape(String dataSource, String fingerprint, StatementType type) {
            this.dataSource = dataSource;
            this.fingerprint = fingerprint;
            this.type = type;
        }

        void at(String site) {
            sites.merge(site, 1, Integer::sum);
            lastSite = site;
        }
    }
}
