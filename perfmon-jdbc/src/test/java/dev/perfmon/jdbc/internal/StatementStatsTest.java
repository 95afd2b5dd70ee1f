package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementStatsTest {

    private static final SqlInfo INFO = SqlNormalizer.analyseSafely("select * from t where id = ?");

    @Test
    void callSitesAreWalkedForTheFirstRepetitionsThenSampled() {
        StatementStats stats = new StatementStats(INFO, 1, 1, 1, 10, null);
        int walks = 0;
        for (int i = 0; i < 100_000; i++) {
            if (stats.wantsCallSite()) {
                walks++;
                stats.repeat("com.example.A.run(A.java:1)", i + 2, i + 2, 1, 10, null);
            } else {
                stats.repeat(null, i + 2, i + 2, 1, 10, null);
            }
        }
        assertThat(walks).isLessThanOrEqualTo(StatementStats.WALK_FIRST
                + StatementStats.SPARSE_AFTER / StatementStats.WALK_EVERY
                + 100_000 / StatementStats.WALK_SPARSE + 1);
        assertThat(stats.sites).hasSize(1);
        SiteStats site = stats.sites.get(0);
        assertThat(site.count).isEqualTo(100_001);
        assertThat(site.totalNanos).isEqualTo(1_000_010);
        assertThat(site.distinctParameterSets()).isEqualTo(LongCounts.MAX_KEYS);
    }

    @Test
    void theFirstExecutionJoinsTheFirstCallSiteFound() {
        LoadCause cause = new LoadCause("Post.comments", "join fetch", false);
        StatementStats stats = new StatementStats(INFO, 1, 1, 1, 5, cause);
        stats.repeat("com.example.A.run(A.java:1)", 2, 2, 1, 5, null);
        stats.repeat("com.example.B.run(B.java:9)", 3, 3, 1, 5, null);
        assertThat(stats.sites).extracting(s -> s.callSite + "=" + s.count)
                .containsExactly("com.example.A.run(A.java:1)=2", "com.example.B.run(B.java:9)=1");
        assertThat(stats.sites.get(0).cause).isSameAs(cause);
    }
}
