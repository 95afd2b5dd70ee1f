package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyset cursors judged from the values bound, execution after execution. */
class CursorTrendTest {

    private static boolean perRow(long... values) {
        CursorTrend trend = new CursorTrend(1);
        for (long v : values) {
            trend.add(new long[] {v});
        }
        return trend.perRow();
    }

    @Test
    void aCursorThatAdvancesOneWayIsPagingAndOneThatJumpsBackAndForthIsAPerRowLookup() {
        assertThat(perRow(0, 5, 10, 15)).isFalse();
        assertThat(perRow(21, 16, 11, 6)).isFalse();
        assertThat(perRow(0, 5, 10, 0, 5, 10)).as("a second pass from the start").isFalse();
        assertThat(perRow(30, 30, 30)).as("a range filter that never moves").isFalse();
        assertThat(perRow(7, 3, 12, 1, 9)).isTrue();
        assertThat(perRow(0, 5, 3)).isTrue();
    }

    @Test
    void aValueThatDoesNotSortAsANumberLeavesTheDecisionToTheShape() {
        assertThat(perRow(7, CursorValues.UNKNOWN, 3, 12)).isFalse();
    }

    @Test
    void numbersAndPointsInTimeSortLikeTheirValues() {
        assertThat(CursorValues.sortable(-2.5)).isLessThan(CursorValues.sortable(-1.0));
        assertThat(CursorValues.sortable(-1.0)).isLessThan(CursorValues.sortable(0.5));
        assertThat(CursorValues.sortable(new BigDecimal("10.25"))).isLessThan(CursorValues.sortable(new BigDecimal("10.5")));
        assertThat(CursorValues.sortable(Timestamp.from(Instant.parse("2026-01-01T00:00:00.000000001Z"))))
                .isGreaterThan(CursorValues.sortable(Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"))));
        assertThat(CursorValues.sortable(LocalDate.of(2026, 1, 2))).isGreaterThan(CursorValues.sortable(LocalDate.of(2026, 1, 1)));
        assertThat(CursorValues.sortable("abc")).isEqualTo(CursorValues.UNKNOWN);
        assertThat(CursorValues.sortable(null)).isEqualTo(CursorValues.UNKNOWN);
    }
}
