package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;

/**
 * SQL text with its number and plain string literals cut out, found in one cheap scan: the key
 * under which statements that differ only in inlined values ({@code where id = 42},
 * {@code where id = 43}) share one analysis. The scan tokenises exactly as far as
 * {@link SqlNormalizer} does to find where literals start and end (comments, quoted
 * identifiers, words, numbers, strings); anything it cannot mirror cheaply (dollar quotes,
 * prefixed strings such as {@code E'..'}, the marker characters themselves) yields no shape and the
 * text is analysed as a whole. A literal {@code 1} is kept: it is the one value whose text
 * changes the analysis ({@code limit 1}).
 */
final class SqlShape {

    /** Stand for one cut number and one cut string in {@link #key}; text holding either outside literals has no shape. */
    static final char NUMBER = '\u0001';
    static final char STRING = '\u0002';
    private static final int[] NO_CUTS = new int[0];

    /** The text with each cut literal replaced by {@link #NUMBER} or {@link #STRING}. */
    final String key;
    /** Per cut literal: its start and end in the original text, in order. */
    final int[] starts;
    final int[] ends;
    final int count;

    private SqlShape(String key, int[] starts, int[] ends, int count) {
        this.key = key;
        this.starts = starts;
        this.ends = ends;
        this.count = count;
    }

    /**
     * @param sql statement text, not {@code null}
     * @param maxLength longer texts get no shape
     * @return the shape, or {@code null} when the text has no literal to cut or is not scanned
     */
    static @Nullable SqlShape of(String sql, int maxLength) {
        int n = sql.length();
        if (n > maxLength) {
            return null;
        }
        StringBuilder key = null;
        int[] starts = NO_CUTS;
        int[] ends = NO_CUTS;
        int count = 0;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            char marker;
            if (c == NUMBER || c == STRING || c == '$') {
                return null;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
                if (hasMarker(sql, start, i)) {
                    return null;
                }
                continue;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                if (hasMarker(sql, start, i)) {
                    return null;
                }
                continue;
            } else if (c == '"' || c == '`') {
                i = quoted(sql, i, c);
                if (hasMarker(sql, start, i)) {
                    return null;
                }
                continue;
            } else if (SqlNormalizer.isIdentifierStart(c)) {
                while (i < n && SqlNormalizer.isIdentifierPart(sql.charAt(i))) {
                    if (sql.charAt(i) == '$') {
                        return null;
                    }
                    i++;
                }
                if (i < n && sql.charAt(i) == '\'') {
                    return null;                        // E'..', N'..', X'..': left to the normalizer
                }
                continue;
            } else if (c == '\'') {
                i = quoted(sql, i, '\'');
                marker = STRING;
            } else if (SqlNormalizer.isDigit(c) || (c == '.' && i + 1 < n && SqlNormalizer.isDigit(sql.charAt(i + 1)))) {
                i = SqlNormalizer.numberEnd(sql, i);
                if (i == start + 1 && c == '1') {
                    continue;                           // limit 1 differs from limit 2
                }
                marker = NUMBER;
            } else {
                i++;
                continue;
            }
            // A literal from start to i: cut it.
            if (key == null) {
                key = new StringBuilder(n);
                starts = new int[8];
                ends = new int[8];
            } else if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            key.append(sql, copied, start).append(marker);
            copied = i;
            starts[count] = start;
            ends[count] = i;
            count++;
        }
        if (key == null) {
            return null;
        }
        key.append(sql, copied, n);
        return new SqlShape(key.toString(), starts, ends, count);
    }

    private static boolean hasMarker(String s, int start, int end) {
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c == NUMBER || c == STRING) {
                return true;
            }
        }
        return false;
    }

    /** The end of a literal or identifier quoted with {@code quote} starting at {@code i}; doubled quotes escape. */
    private static int quoted(String s, int i, char quote) {
        int n = s.length();
        i++;
        while (i < n) {
            if (s.charAt(i) == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** @return the offset in {@link #key} of original text position {@code pos}, or -1 if it falls inside a cut literal */
    int keyOffset(int pos) {
        int shift = 0;
        for (int k = 0; k < count; k++) {
            if (pos <= starts[k]) {
                break;
            }
            if (pos < ends[k]) {
                return -1;
            }
            shift += ends[k] - starts[k] - 1;
        }
        return pos - shift;
    }

    /** @return the original text position of {@code key} offset {@code offset}; inverse of {@link #keyOffset} */
    int textOffset(int offset) {
        int shift = 0;
        for (int k = 0; k < count; k++) {
            int markerAt = starts[k] - shift;
            if (offset <= markerAt) {
                break;
            }
            shift += ends[k] - starts[k] - 1;
        }
        return offset + shift;
    }
}
