package dev.perfmon.test;

import com.example.shop.OrderRepository;
import com.example.shop.fixtures.SpringMockMvcFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a SpringExtension test, {@code @ExtendWith(PerfMonExtension.class)} takes the PerfMon bean of
 * the test's context and fails on the N+1 of a MockMvc request through PerfMonFilter.
 */
class SpringMockMvcTest {

    static final String NL = System.lineSeparator();

    @Test
    void anNPlusOneInAMockMvcRequestFailsTheTest() {
        FixtureRun run = FixtureRun.of(SpringMockMvcFixture.class);

        assertThat(run.passed()).containsExactly("listsJoinedOrders");
        assertThat(run.failure("listsOrders")).isExactlyInstanceOf(AssertionError.class).hasMessage(
                "perfmon: SpringMockMvcFixture.listsOrders() ran 1 N+1 query" + NL
                + NL
                + "1) N+1 query on route GET /orders: 4 executions with 4 parameter sets [datasource main]" + NL
                + "     select name from shop_items where order_id = ? order by id" + NL
                + "     at " + Sources.site(OrderRepository.class, "itemsOf", "try (ResultSet rs = p.executeQuery())")
                + " x4" + NL
                + "     consider fetching the rows in one statement (a join or an IN list) instead of one statement per row"
                + NL);
    }
}
