package dev.perfmon.jdbc;

import dev.perfmon.jdbc.internal.SqlNormalizer;

/**
 * The normalized form perfmon groups statements by, exposed so tests and tools can compute the
 * fingerprint a finding will carry:
 *
 * <pre>{@code
 * SqlFingerprint.of("SELECT * FROM posts /* list *&#47; WHERE id IN (1, 2, 3) LIMIT 10")
 *     // -> "select * from posts where id in (?) limit ?"
 * }</pre>
 *
 * Comments are stripped, whitespace collapsed, keywords and unquoted identifiers folded to
 * lower case (quoted identifiers kept), literals replaced by {@code ?}, IN lists and repeated
 * VALUES rows collapsed, LIMIT/OFFSET/FETCH values normalized. Never throws: text the
 * normalizer cannot follow still yields a fingerprint, and very long fingerprints are cut and
 * marked with a hash of the full text. A fingerprint never contains a literal value, but it is
 * SQL text: it never becomes a metric tag.
 */
public final class SqlFingerprint {

    private SqlFingerprint() {
    }

    /**
     * @param sql statement text; {@code null} gives the empty string
     * @return its fingerprint
     */
    public static String of(String sql) {
        return SqlNormalizer.fingerprint(sql);
    }
}
