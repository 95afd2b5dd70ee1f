package dev.perfmon.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** How SQL text becomes the fingerprint findings are grouped by. */
class SqlFingerprintTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            SELECT * FROM posts WHERE id = 42                               | select * from posts where id = ?
            select *   from posts\\n\\twhere id = ?                           | select * from posts where id = ?
            select a /* why */ from t -- trailing note                      | select a from t
            select a from t /* unterminated comment                          | select a from t
            SELECT "CamelCase", Other FROM "Schema"."Table"                 | select "CamelCase", other from "Schema"."Table"
            select `Weird Name` from t                                      | select `Weird Name` from t
            select 'it''s', 'x' from t where n = 'O''Brien'                 | select ?, ? from t where n = ?
            select E'esc\\'aped', N'national', X'ff', B'101' from t         | select ?, ?, ?, ? from t
            select $$dollar 'quoted'$$, $tag$ $$ $tag$ from t               | select ?, ? from t
            select 1, -2, +3.5, .5, 6e10, 0x1F, 7E-3 from t                 | select ?, ?, ?, ?, ?, ?, ? from t
            select a-1, t1.c2 from t1                                       | select a-?, t1.c2 from t1
            select * from t where a = true and b = FALSE                    | select * from t where a = ? and b = ?
            update t set a = null where b is null and c is not null         | update t set a = ? where b is null and c is not null
            select * from t where id in (1, 2, 3) and k in (?,?)            | select * from t where id in (?) and k in (?)
            select * from t where (a, b) in ((1, 2), (3, 4))                | select * from t where (a, b) in (?)
            select * from t where id in (select id from u where x = 1)      | select * from t where id in (select id from u where x = ?)
            insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z')        | insert into t (a, b) values (?, ?)
            insert into t (a, b) values (?, ?), (?, ?), (?, ?)              | insert into t (a, b) values (?, ?)
            insert into t values (1, now()), (2, 'x')                       | insert into t values (?, now()), (?, ?)
            select * from t order by id limit 10 offset 20                  | select * from t order by id limit ? offset ?
            select * from t limit 5, 10                                     | select * from t limit ?, ?
            select * from t offset 10 rows fetch first 5 rows only          | select * from t offset ? rows fetch first ? rows only
            select a::int, b->>'k', c ?? d from t where x = $1              | select a::int, b->>?, c ?? d from t where x = ?
            SELECT Ünïcode FROM Täble                                        | select ünïcode from täble
            {call refresh_stats(?, 5)}                                      | {call refresh_stats(?, ?)}
            select a from t;                                                | select a from t
            """)
    void normalizesTextLiteralsListsAndPaging(String sql, String fingerprint) {
        assertThat(SqlFingerprint.of(sql.replace("\\n", "\n").replace("\\t", "\t"))).isEqualTo(fingerprint);
    }

    @Test
    void sameStatementWithDifferentValuesAndLayoutsSharesOneFingerprint() {
        assertThat(SqlFingerprint.of("SELECT name FROM items WHERE id IN (1,2) -- a"))
                .isEqualTo(SqlFingerprint.of("select name\n  from items\n where id in (7, 8, 9, 10)"));
    }

    @Test
    void brokenTextStillGetsAFingerprintWithoutItsValues() {
        assertThat(SqlFingerprint.of("select 'unterminated secret from t")).isEqualTo("select ?");
        assertThat(SqlFingerprint.of("select \"unterminated from t")).isEqualTo("select \"unterminated from t");
        assertThat(SqlFingerprint.of("select (((( from t where a = 'x'")).isEqualTo("select ((((from t where a = ?");
        assertThat(SqlFingerprint.of("select ))) from t")).isEqualTo("select))) from t");
        assertThat(SqlFingerprint.of("$$")).isEqualTo("?");
        assertThat(SqlFingerprint.of("")).isEmpty();
        assertThat(SqlFingerprint.of(null)).isEmpty();
        assertThat(SqlFingerprint.of("E'")).isEqualTo("?");
        assertThat(SqlFingerprint.of("--")).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String alphabet = "sel ct'\"`$()?,;-/*\\\n0123456789.eExX+in values limit offset\u00e9\ud83d\ude00";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder sql = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                sql.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(SqlFingerprint.of(sql.toString())).isNotNull();
        }
    }

    @Test
    void megabyteStatementsCollapseOrAreCutWithAHashOfTheWhole() {
        StringBuilder insert = new StringBuilder("INSERT INTO t (a, b) VALUES ");
        for (int i = 0; insert.length() < 1_000_000; i++) {
            insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", 'value ").append(i).append("')");
        }
        assertThat(SqlFingerprint.of(insert.toString())).isEqualTo("insert into t (a, b) values (?, ?)");

        StringBuilder wide = new StringBuilder("select ");
        for (int i = 0; wide.length() < 1_000_000; i++) {
            wide.append(i == 0 ? "" : ", ").append("column_").append(i);
        }
        String fingerprint = SqlFingerprint.of(wide.toString());
        assertThat(fingerprint).startsWith("select column_0, column_1, ").matches("(?s).* \\.\\.\\. #[0-9a-f]+$");
        assertThat(fingerprint.length()).isLessThan(4200);
        assertThat(SqlFingerprint.of(wide + ", extra")).isNotEqualTo(fingerprint);
    }
}
