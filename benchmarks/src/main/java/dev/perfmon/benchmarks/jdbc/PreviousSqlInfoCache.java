package dev.perfmon.benchmarks.jdbc;

import dev.perfmon.jdbc.internal.SqlInfo;
import dev.perfmon.jdbc.internal.SqlNormalizer;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL cache as it was before texts were keyed by shape (one entry per whole text, two
 * generations), kept to compare against {@code SqlInfoCache} in the same run.
 */
final class PreviousSqlInfoCache {

    private final int capacity;
    private volatile ConcurrentHashMap<String, SqlInfo> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, SqlInfo> old = new ConcurrentHashMap<>();

    PreviousSqlInfoCache(int capacity) {
        this.capacity = capacity;
    }

    SqlInfo get(String sql) {
        ConcurrentHashMap<String, SqlInfo> y = young;
        SqlInfo info = y.get(sql);
        if (info != null) {
            return info;
        }
        info = old.get(sql);
        if (info == null) {
            info = SqlNormalizer.analyseSafely(sql);
        }
        if (y.size() >= capacity) {
            rotate(y);
            y = young;
        }
        y.put(sql, info);
        return info;
    }

    private synchronized void rotate(ConcurrentHashMap<String, SqlInfo> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>();
        }
    }
}
