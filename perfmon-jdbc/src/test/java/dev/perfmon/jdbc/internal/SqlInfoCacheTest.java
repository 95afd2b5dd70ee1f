package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlInfoCacheTest {

    @Test
    void repeatedTextIsAnalysedOnceAndMemoryStaysBounded() {
        SqlInfoCache cache = new SqlInfoCache(100);
        SqlInfo first = cache.get("select * from t where id = ?");
        assertThat(cache.get("select * from t where id = ?")).isSameAs(first);
        for (int i = 0; i < 10_000; i++) {
            cache.get("select * from t" + i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(200);
        assertThat(cache.get("select * from t where id = ?").fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void recentlyUsedTextSurvivesAGenerationChange() {
        SqlInfoCache cache = new SqlInfoCache(10);
        SqlInfo hot = cache.get("select hot");
        for (int i = 0; i < 9; i++) {
            cache.get("select cold" + i);
        }
        cache.get("select trigger rotation");
        assertThat(cache.get("select hot")).isSameAs(hot);
    }

    @Test
    void hugeTextIsAnalysedButNotKept() {
        SqlInfoCache cache = new SqlInfoCache(10);
        String huge = "select '" + "x".repeat(SqlInfoCache.MAX_CACHED_LENGTH) + "'";
        assertThat(cache.get(huge).fingerprint()).isEqualTo("select ?");
        assertThat(cache.size()).isZero();
        assertThat(cache.get(null).type()).isEqualTo(SqlType.OTHER);
    }
}
