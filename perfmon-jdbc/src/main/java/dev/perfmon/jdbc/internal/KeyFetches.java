package dev.perfmon.jdbc.internal;

import java.util.regex.Pattern;

/**
 * Recognises statements that fetch generated keys: sequence values ({@code next value for},
 * {@code nextval(}, {@code call next value for}), table-based sequences ({@code select ... from
 * hibernate_sequences}, their {@code update}) and identity reads ({@code lastval()},
 * {@code scope_identity()}, {@code last_insert_id()}). An ORM inserting rows runs one per row or
 * per allocation block by design: they are never N+1 nor duplicate queries. Matched on the
 * fingerprint once per distinct SQL text, when it is analysed.
 */
final class KeyFetches {

    private static final Pattern KEY_FETCH = Pattern.compile(
            "\\bnext value for\\b|\\bnextval\\b|\\bnext_val\\b|\\bcurrval\\b|\\blastval ?\\("
                    + "|\\blast_insert_id ?\\(|\\bscope_identity ?\\(|@@identity|\\bidentity ?\\( ?\\)|\\bgen_id ?\\("
                    + "|^(select|update) .*\\b(from )?[a-z_\"]*sequences?\\b");

    private KeyFetches() {
    }

    /** @return whether the fingerprint fetches a sequence or identity value */
    static boolean matches(String fingerprint) {
        return KEY_FETCH.matcher(fingerprint).find();
    }
}
