package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

/**
 * The analysis of one {@link SqlShape}: what every text of that shape shares (fingerprint, type,
 * ordinals) and where its literals sit in the shape, so another text's literal hashes can be
 * computed from its literals alone, equal to what {@link SqlNormalizer} would compute.
 */
final class SqlTemplate {

    private final SqlInfo info;
    /** Per literal the normalizer saw: start and end as offsets in the shape's key. */
    private final int[] keyStarts;
    private final int[] keyEnds;
    private final boolean[] paging;
    /** The text last seen of this shape (races only make a repeat go unnoticed once). */
    private volatile @Nullable String lastText;

    private SqlTemplate(SqlInfo info, int[] keyStarts, int[] keyEnds, boolean[] paging) {
        this.info = info;
        this.keyStarts = keyStarts;
        this.keyEnds = keyEnds;
        this.paging = paging;
    }

    /**
     * Analyses {@code sql} in full and keeps what its shape's other texts need.
     *
     * @return the template, or {@code null} if the analysis is not a function of the shape and the
     *         literals' text alone (every cut must lie in one literal that ends where the cut ends)
     */
    static @Nullable SqlTemplate analyse(String sql, SqlShape shape) {
        LiteralSpans spans = new LiteralSpans();
        SqlInfo info = SqlNormalizer.analyseRecording(sql, spans);
        if (info == null || spans.wholeText) {
            return null;
        }
        int[] keyStarts = new int[spans.count];
        int[] keyEnds = new int[spans.count];
        int cut = 0;
        for (int k = 0; k < spans.count; k++) {
            int start = spans.starts[k];
            int end = spans.ends[k];
            keyStarts[k] = shape.keyOffset(start);
            keyEnds[k] = shape.keyOffset(end);
            if (keyStarts[k] < 0 || keyEnds[k] < 0) {
                return null;
            }
            if (cut < shape.count && shape.starts[cut] < end) {
                if (shape.starts[cut] < start || shape.ends[cut] != end) {
                    return null;
                }
                cut++;
            }
        }
        if (cut != shape.count) {
            return null;                                // a cut the normalizer did not see as one literal
        }
        return new SqlTemplate(info, keyStarts, keyEnds, java.util.Arrays.copyOf(spans.paging, spans.count));
    }

    /** @return whether {@code sql} is the text of this shape seen last (then remembered as the last) */
    boolean repeats(String sql) {
        if (sql.equals(lastText)) {
            return true;
        }
        lastText = sql;
        return false;
    }

    /** @return the analysis of {@code sql}, a text of the same shape */
    SqlInfo instantiate(String sql, SqlShape shape) {
        long literals = Hashes.SEED;
        long filter = Hashes.SEED;
        for (int k = 0; k < keyStarts.length; k++) {
            long hash = SqlNormalizer.hashRange(sql, shape.textOffset(keyStarts[k]), shape.textOffset(keyEnds[k]));
            literals = Hashes.mix(literals, hash);
            if (!paging[k]) {
                filter = Hashes.mix(filter, hash);
            }
        }
        return info.withLiteralHashes(literals, filter);
    }
}
