package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatementStatsTest {

    private static final SqlInfo INFO = SqlNormalizer.analyseSafely("select * from t where id = ?");
    /** This test lives in a perfmon package, a framework one: declared as the application here. */
    private static final CallSites CALL_SITES = new CallSites(List.of(), List.of(StatementStatsTest.class.getName()));

    @Test
    void executionsAreHeldUntilTheNPlusOneThresholdThenEachIsCreditedToItsOwnCallSite() {
        LoadCause cause = new LoadCause("Post.comments", "join fetch", false);
        StatementStats stats = new StatementStats(INFO, new StateBudget(1 << 20));
        assertThat(stats.hold(Traces.fromA(), false, 1, 1, 1, 5, cause, 5, 3)).isFalse();
        for (int i = 2; i <= 4; i++) {
            assertThat(stats.hold(Traces.fromB(), false, i, i, 1, 5, null, 5, 3)).isFalse();
        }
        assertThat(stats.resolved()).isFalse();
        assertThat(stats.hold(Traces.fromB(), false, 5, 5, 1, 5, null, 5, 3)).isTrue();
        stats.resolve(CALL_SITES);

        assertThat(stats.sites).extracting(s -> s.callSite.replaceAll(":\\d+", "") + "=" + s.count)
                .containsExactly(Traces.class.getName() + ".fromA(StatementStatsTest.java)=1",
                        Traces.class.getName() + ".fromB(StatementStatsTest.java)=4");
        assertThat(stats.sites.get(0).cause).isSameAs(cause);
        assertThat(stats.count).isEqualTo(5);
    }

    @Test
    void aParameterSetRepeatedUpToTheDuplicateThresholdMakesAFindingPossibleEarlier() {
        StatementStats stats = new StatementStats(INFO, new StateBudget(1 << 20));
        assertThat(stats.hold(Traces.fromA(), false, 7, 7, 1, 5, null, 5, 3)).isFalse();
        assertThat(stats.hold(Traces.fromA(), false, 8, 8, 1, 5, null, 5, 3)).isFalse();
        assertThat(stats.hold(Traces.fromA(), false, 7, 7, 1, 5, null, 5, 3)).isFalse();
        assertThat(stats.hold(Traces.fromA(), false, 7, 7, 1, 5, null, 5, 3)).isTrue();
    }

    @Test
    void callSitesPastTheLimitAreCountedTogetherNeverCreditedToAnother() {
        StatementStats stats = new StatementStats(INFO, new StateBudget(1 << 20));
        stats.hold(null, false, 1, 1, 1, 5, null, 1, 1);
        stats.resolve(CALL_SITES);
        for (int i = 0; i < 40; i++) {
            stats.add("com.example.S" + i + ".run(S.java:1)", i, i, 1, 5, null);
        }
        assertThat(stats.sites).hasSize(StatementStats.MAX_SITES);
        assertThat(stats.sites.get(0).callSite).isEqualTo(CallSites.UNKNOWN);
        SiteStats other = stats.sites.get(StatementStats.MAX_SITES - 1);
        assertThat(other.callSite).isEqualTo(CallSites.OTHER);
        assertThat(other.count).isEqualTo(40 - (StatementStats.MAX_SITES - 2));
        assertThat(stats.count).isEqualTo(41);
    }

    /** Two places in application code. */
    static final class Traces {
        static CallerTrace fromA() {
            return new CallerTrace();
        }

        static CallerTrace fromB() {
            return new CallerTrace();
        }
    }
}
