package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scope's statements are found by fingerprint text, whichever {@link SqlInfo} instance carries
 * it: the same instance, another instance of the same text, or a text of the same length and hash.
 */
class ScopeStatementsLookupTest {

    private static final Attribution ATTRIBUTION = new Attribution(
            new CallSites(List.of(), List.of(ScopeStatementsLookupTest.class.getName())), 10, 10);

    @Test
    void equalTextsOfOtherInstancesAreOneStatementAndCollidingHashesAreTwo() {
        String text = "select name from t where Aa = ?";
        SqlInfo first = info(text);
        SqlInfo sameText = info(new String(text.toCharArray()));
        SqlInfo collision = info("select name from t where BB = ?");
        assertThat(collision.fingerprint()).hasSameHashCodeAs(text).isNotEqualTo(text);
        assertThat(sameText.fingerprint()).isNotSameAs(first.fingerprint());

        ScopeStatements statements = new ScopeStatements(1 << 20);
        record(statements, first, 1);
        record(statements, collision, 2);
        record(statements, sameText, 3);
        record(statements, first, 4);

        assertThat(statements.tracked()).extracting(s -> s.fingerprint + "=" + s.count)
                .containsExactly(text + "=3", collision.fingerprint() + "=1");
    }

    @Test
    void pastTheLinearSearchTheIndexFindsOtherInstancesOfOneText() {
        ScopeStatements statements = new ScopeStatements(1 << 20);
        for (int i = 0; i <= ScopeStatements.LINEAR_SEARCH; i++) {
            record(statements, info("select name from t" + i + " where id = ?"), i);
        }
        record(statements, info("select name from t3 where id = ?"), 100);

        assertThat(statements.tracked()).hasSize(ScopeStatements.LINEAR_SEARCH + 1)
                .filteredOn(s -> s.fingerprint.equals("select name from t3 where id = ?"))
                .singleElement().satisfies(s -> assertThat(s.count).isEqualTo(2));
    }

    private static SqlInfo info(String fingerprint) {
        return new SqlInfo(fingerprint, SqlType.SELECT, new int[0], 0, 0, false);
    }

    private static void record(ScopeStatements statements, SqlInfo info, long hash) {
        statements.record(info, hash, hash, 0, null, 1_000, null, ATTRIBUTION);
    }
}
