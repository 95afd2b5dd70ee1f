package dev.perfmon.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finding log's line budget: at most its lines per interval, a line given back lets one more
 * through, and what was left out is reported by the first line of a later interval, never by a line
 * granted later in the same one (that would be one line over).
 */
class FindingLineBudgetTest {

    private static final long MINUTE = 60_000_000_000L;

    private final FindingLineBudget budget = new FindingLineBudget(2, MINUTE);

    @Test
    void aLineGivenBackAfterOthersWereLeftOutLetsOneMoreThroughWithoutTheTally() {
        assertThat(budget.acquire(0)).isZero();
        assertThat(budget.acquire(1)).isZero();
        assertThat(budget.acquire(2)).isEqualTo(FindingLineBudget.DENIED);
        assertThat(budget.acquire(3)).isEqualTo(FindingLineBudget.DENIED);

        budget.release(1); // its key's line was written by another thread first

        assertThat(budget.acquire(4)).as("one line more, no tally line with it").isZero();
        assertThat(budget.acquire(5)).isEqualTo(FindingLineBudget.DENIED);
        assertThat(budget.acquire(MINUTE + 1)).as("the next interval's first line reports the three left out")
                .isEqualTo(3);
        assertThat(budget.acquire(MINUTE + 2)).isZero();
    }

    @Test
    void whatOneIntervalLeftOutIsReportedOnceByTheFirstLineOfALaterOne() {
        budget.acquire(0);
        budget.acquire(0);
        budget.acquire(0);

        assertThat(budget.acquire(5 * MINUTE)).isEqualTo(1);
        assertThat(budget.acquire(5 * MINUTE)).isZero();
    }
}
