package dev.perfmon.jdbc.internal;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements with inlined literals share one cache entry per shape and analyse exactly as alone. */
class SqlShapeCacheTest {

    @Test
    void tenThousandLiteralValuesOfOneShapeHitOneEntry() {
        SqlInfoCache cache = new SqlInfoCache(2048);
        SqlInfo first = cache.get("select * from t where id = 42 and name = 'ann'");
        for (int i = 0; i < 10_000; i++) {
            String sql = "select * from t where id = " + (1000 + i) + " and name = 'n" + i + "'";
            SqlInfo info = cache.get(sql);
            assertThat(info.fingerprint()).isSameAs(first.fingerprint());
            SqlInfo alone = SqlNormalizer.analyseSafely(sql);
            assertThat(info.literalsHash()).isEqualTo(alone.literalsHash());
            assertThat(info.filterLiteralsHash()).isEqualTo(alone.filterLiteralsHash());
        }
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void differentValuesGiveDifferentHashesAndEqualValuesEqualOnes() {
        SqlInfoCache cache = new SqlInfoCache(16);
        SqlInfo a = cache.get("select * from t where id = 7");
        SqlInfo b = cache.get("select * from t where id = 8");
        SqlInfo again = cache.get("select * from t where id = 7");
        assertThat(b.literalsHash()).isNotEqualTo(a.literalsHash());
        assertThat(again.literalsHash()).isEqualTo(a.literalsHash());
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aConstantLiteralRepeatedIsCachedByItsTextAndFoundWithoutTheScan() {
        SqlInfoCache cache = new SqlInfoCache(16);
        String sql = "select * from t where deleted = 0 and kind = 'A'";
        cache.get(sql);
        SqlInfo second = cache.get(sql);
        assertThat(cache.get(sql)).isSameAs(second);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void pagingLiteralsStayOutOfTheFilterHash() {
        SqlInfoCache cache = new SqlInfoCache(16);
        SqlInfo page1 = cache.get("select * from t where owner = 5 order by id limit 20 offset 0");
        SqlInfo page2 = cache.get("select * from t where owner = 5 order by id limit 20 offset 20");
        assertThat(page2.filterLiteralsHash()).isEqualTo(page1.filterLiteralsHash());
        assertThat(page2.literalsHash()).isNotEqualTo(page1.literalsHash());
    }

    @Test
    void everyShapeAnalysesLikeTheNormalizerAlone() {
        List<String> shapes = List.of(
                "select * from t where id = %s",
                "SELECT a.x, b.y FROM a JOIN b ON a.id = b.a_id WHERE a.k = %s AND b.v > %s",
                "select * from t where id in (%s, %s, %s)",
                "select * from t where id in (%s, %s) and deleted = %s",
                "select * from t where a = -%s and b = +%s and c = (-%s)",
                "select * from t where a = x-%s or b = t.%s",
                "select * from t where id > %s order by id limit %s",
                "select * from t where id > %s order by id limit 1",
                "select * from t where id > ? order by id limit %s",
                "select * from t limit %s, %s",
                "select * from t offset %s rows fetch next %s rows only",
                "select top %s * from t where k = %s",
                "insert into t (a, b) values (%s, %s), (%s, %s), (%s, %s)",
                "update t set a = %s, b = %s where id = %s and v is not null",
                "delete from t where id = %s -- note 12 'x'\n and k = %s",
                "select /* 3 'q' */ %s, \"col 9\", `c8` from t1 where t1.c2 = %s",
                "select case when k = %s then 1 else 0 end from t where t.id in (?, ?) and z = %s",
                "select * from t where s like %s escape '\\' and n between %s and %s",
                "select * from t where a = %s; select %s",
                "select 1e5, %s, .5, %s from dual where x = true and y = null",
                "select * from t where a = E'x' and b = %s",
                "select * from t where a = $1 and b = %s",
                "select * from t where a = $$x$$ and b = %s",
                "select * from t where id = %s and name = 'unterminated %s");
        List<String> values = List.of("0", "1", "2", "42", "-3", "3.25", "1.5e3", "7E-2", "0x1F", ".75", "10.",
                "''", "'a'", "'it''s'", "'x y z'", "'1'", "'\\'", "'%s'", "'--'", "'/*'", "12abc", "1e", "99999999999");
        Random random = new Random(7);
        SqlInfoCache cache = new SqlInfoCache(64);
        for (int round = 0; round < 400; round++) {
            for (String shape : shapes) {
                int holes = shape.split("%s", -1).length - 1;
                Object[] filled = new Object[holes];
                for (int h = 0; h < holes; h++) {
                    filled[h] = values.get(random.nextInt(values.size()));
                }
                String sql = String.format(shape, filled);
                assertSameAnalysis(sql, cache.get(sql), SqlNormalizer.analyseSafely(sql));
            }
        }
    }

    private static void assertSameAnalysis(String sql, SqlInfo cached, SqlInfo alone) {
        assertThat(cached.fingerprint()).as(sql).isEqualTo(alone.fingerprint());
        assertThat(cached.type()).as(sql).isEqualTo(alone.type());
        assertThat(cached.pagingOrdinals()).as(sql).isEqualTo(alone.pagingOrdinals());
        assertThat(cached.literalsHash()).as(sql).isEqualTo(alone.literalsHash());
        assertThat(cached.filterLiteralsHash()).as(sql).isEqualTo(alone.filterLiteralsHash());
        assertThat(cached.batchedLookup()).as(sql).isEqualTo(alone.batchedLookup());
        assertThat(cached.keyFetch()).as(sql).isEqualTo(alone.keyFetch());
        assertThat(cached.listParameters()).as(sql).isEqualTo(alone.listParameters());
        assertThat(cached.otherParameters()).as(sql).isEqualTo(alone.otherParameters());
        assertThat(cached.listValues()).as(sql).isEqualTo(alone.listValues());
        assertThat(cached.keysetOrdinals()).as(sql).isEqualTo(alone.keysetOrdinals());
        assertThat(cached.limitOrdinal()).as(sql).isEqualTo(alone.limitOrdinal());
    }
}
