package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a statement shape learns from the scopes that ran it: the most executions of the last 64, once all were quiet. */
class ScopeRunsTest {

    private final ScopeRuns runs = new ScopeRuns();

    private void scopes(int scopes, int executions, boolean quiet) {
        for (int i = 0; i < scopes; i++) {
            runs.ranInScope(executions, quiet);
        }
    }

    @Test
    void nothingIsLeftUntracedBefore64QuietScopes() {
        scopes(63, 3, true);
        assertThat(runs.untraced()).isZero();
        scopes(1, 3, true);
        assertThat(runs.untraced()).isEqualTo(3);
    }

    @Test
    void theMostOfOneScopeInTheWindowIsLearned() {
        scopes(1, 4, true);
        scopes(63, 2, true);
        assertThat(runs.untraced()).isEqualTo(4);
        // The scope of 4 is the 64th from the end: one more and it leaves the window.
        scopes(1, 2, true);
        assertThat(runs.untraced()).isEqualTo(2);
        scopes(64, 1, true);
        assertThat(runs.untraced()).isEqualTo(1);
    }

    @Test
    void aScopeThatCameNearAFindingStartsTheCountAgain() {
        scopes(100, 2, true);
        scopes(1, 5, false);
        assertThat(runs.untraced()).isZero();
        scopes(63, 2, true);
        assertThat(runs.untraced()).isZero();
        scopes(1, 2, true);
        assertThat(runs.untraced()).isEqualTo(2);
    }

    @Test
    void atMost16ExecutionsAreLeftUntracedWhateverTheShapeRan() {
        scopes(64, 40, true);
        assertThat(runs.untraced()).isEqualTo(ScopeRuns.MAX_UNTRACED).isEqualTo(16);
    }

    @Test
    void levelsLeaveTheWindowWhileNoScopeIsQuietToo() {
        scopes(64, 3, true);
        // More scopes than the window, none quiet, then quiet ones again: the old level is gone.
        scopes(200, 9, false);
        scopes(64, 1, true);
        assertThat(runs.untraced()).isEqualTo(1);
    }
}
