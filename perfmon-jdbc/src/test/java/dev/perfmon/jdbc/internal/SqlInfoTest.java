package dev.perfmon.jdbc.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlInfoTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            SELECT 1                                              | SELECT
            (select a from t) union (select b from u)             | SELECT
            insert into t values (1)                              | INSERT
            Update t set a = 1                                    | UPDATE
            delete from t                                         | DELETE
            with x as (select 1) delete from t using x            | DELETE
            with x as (insert into t values (1) returning id) select * from x | SELECT
            /* hint */ select 1                                   | SELECT
            merge into t using u on (t.id = u.id) when matched then update set a = 1 | OTHER
            create table t (id int)                               | OTHER
            {call proc(?)}                                        | OTHER
            ''                                                    | OTHER
            """)
    void typeIsTheStatementsVerb(String sql, SqlType type) {
        assertThat(SqlNormalizer.analyseSafely(sql).type()).isEqualTo(type);
    }

    @Test
    void pagingPlaceholdersAreFoundByOrdinal() {
        assertThat(SqlNormalizer.analyseSafely("select * from t where a = ? and b = '?' limit ? offset ?")
                .pagingOrdinals()).containsExactly(2, 3);
        assertThat(SqlNormalizer.analyseSafely("select * from t where a = ? /* ? */ offset ? rows fetch next ? rows only")
                .pagingOrdinals()).containsExactly(2, 3);
        assertThat(SqlNormalizer.analyseSafely("select * from t limit ?, ?").pagingOrdinals()).containsExactly(1, 2);
        assertThat(SqlNormalizer.analyseSafely("select * from t where a = ?").pagingOrdinals()).isEmpty();
    }

    @Test
    void literalsAreHashedSoDifferentValuesDifferButPagingValuesAreLeftOutOfTheFilterHash() {
        SqlInfo a = SqlNormalizer.analyseSafely("select * from t where id = 1 limit 10 offset 0");
        SqlInfo b = SqlNormalizer.analyseSafely("select * from t where id = 2 limit 10 offset 0");
        SqlInfo page = SqlNormalizer.analyseSafely("select * from t where id = 1 limit 10 offset 10");
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isEqualTo(page.fingerprint());
        assertThat(a.literalsHash()).isNotEqualTo(b.literalsHash()).isNotEqualTo(page.literalsHash());
        assertThat(a.filterLiteralsHash()).isEqualTo(page.filterLiteralsHash()).isNotEqualTo(b.filterLiteralsHash());
    }

    @Test
    void inListsOfTwoOrMoreValuesAreBatchedLookups() {
        assertThat(SqlNormalizer.analyseSafely("select * from t where id in (?, ?)").batchedLookup()).isTrue();
        assertThat(SqlNormalizer.analyseSafely("select * from t where id in (?)").batchedLookup()).isFalse();
        assertThat(SqlNormalizer.analyseSafely("select * from t where id = ?").batchedLookup()).isFalse();
        assertThat(SqlNormalizer.analyseSafely("select * from t where id in (1, 2, 3)").batchedLookup()).isTrue();
        assertThat(SqlNormalizer.analyseSafely("select * from t where id in (?, ?) order by id limit ? offset ?")
                .batchedLookup()).isTrue();
    }

    @Test
    void aListBesideAnotherFilterValueIsNoBatchedLookup() {
        assertThat(SqlNormalizer.analyseSafely("select * from t where post_id = ? and status in ('A', 'B')")
                .batchedLookup()).as("a per-row query with a fixed list").isFalse();
        assertThat(SqlNormalizer.analyseSafely("select * from t where id in (?, ?) and tenant = ?")
                .batchedLookup()).isFalse();
        assertThat(SqlNormalizer.analyseSafely("select * from t where id in (?, ?) and kind in (?, ?)")
                .batchedLookup()).as("every parameter in lists").isTrue();
        assertThat(SqlNormalizer.analyseSafely("select * from t where id in (?, ?, ?) and deleted = 0")
                .batchedLookup()).as("a batch fetch with a fixed restriction").isTrue();
        assertThat(SqlNormalizer.analyseSafely(
                "select case when t.kind = 'A' then 1 else 0 end from t where t.id in (?, ?)").batchedLookup())
                .as("literals outside the lists").isTrue();
    }
}
