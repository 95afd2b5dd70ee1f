package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded cache of {@link SqlInfo} per SQL string, so each distinct statement text is
 * normalized once. Two generations approximate LRU without bookkeeping on reads: lookups hit
 * the young map, fall back to the old one (promoting the entry), and when the young map fills
 * it becomes the old one. Memory is bounded by twice the capacity; texts longer than
 * {@link #MAX_CACHED_LENGTH} are analysed every time rather than pinned in memory.
 *
 * <p>Text with inlined literals ({@code where id = 42}, another value each time) would miss on
 * every new value and churn the cache. Such text is keyed by its {@link SqlShape}, the text with
 * its literals cut out in one cheap scan: all values of one shape share one entry and one full
 * analysis, and only their literal hashes are computed per statement. A text seen twice in a row
 * for its shape (a constant literal such as {@code deleted = 0}) is cached by its whole text as well.
 */
public final class SqlInfoCache {

    /** Longer statements (bulk inserts, generated IN lists) are not worth keeping alive. */
    static final int MAX_CACHED_LENGTH = 16 * 1024;

    private final int capacity;
    private volatile ConcurrentHashMap<String, SqlInfo> young;
    private volatile ConcurrentHashMap<String, SqlInfo> old;
    private final Generations<SqlTemplate> shapes;

    /** @param capacity entries per generation, at least 1 */
    public SqlInfoCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.young = new ConcurrentHashMap<>();
        this.old = new ConcurrentHashMap<>();
        this.shapes = new Generations<>(capacity);
    }

    /**
     * @param sql statement text, may be {@code null}
     * @return its analysis; never throws
     */
    public SqlInfo get(String sql) {
        if (sql == null) {
            return SqlNormalizer.analyseSafely(null);
        }
        ConcurrentHashMap<String, SqlInfo> y = young;
        SqlInfo info = y.get(sql);
        if (info != null) {
            return info;
        }
        info = old.get(sql);
        if (info == null) {
            SqlShape shape = SqlShape.of(sql, SHAPE_MAX_LENGTH);
            SqlTemplate template = shape == null ? null : template(sql, shape);
            if (shape != null && template != null) {
                info = template.instantiate(sql, shape);
                if (!template.repeats(sql)) {
                    return info;                        // values that change stay out of the text cache
                }
                // The same text twice in a row (a constant such as deleted = 0): cached by its text too.
            } else {
                info = SqlNormalizer.analyseSafely(sql);
                if (sql.length() > MAX_CACHED_LENGTH) {
                    return info;
                }
            }
        }
        if (y.size() >= capacity) {
            rotate(y);
            y = young;
        }
        y.put(sql, info);
        return info;
    }

    /** Longer texts (bulk inserts) are rarely repeated in shape; they are analysed as a whole. */
    static final int SHAPE_MAX_LENGTH = SqlNormalizer.MAX_FINGERPRINT;

    /** @return the template of {@code shape}, made from {@code sql} if new; {@code null} if it cannot be made */
    private @Nullable SqlTemplate template(String sql, SqlShape shape) {
        SqlTemplate template = shapes.get(shape.key);
        if (template == null) {
            template = SqlTemplate.analyse(sql, shape);
            if (template != null) {
                shapes.put(shape.key, template);
            }
        }
        return template;
    }

    private synchronized void rotate(ConcurrentHashMap<String, SqlInfo> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>();
        }
    }

    /** @return entries held across both generations (for tests and diagnostics) */
    public int size() {
        return young.size() + old.size() + shapes.size();
    }
}
