package dev.perfmon.test;

import com.example.shop.OrderRepository;
import com.example.shop.fixtures.EmbeddedJettyFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test calling a real Jetty over real HTTP fails on the N+1 its request ran on a Jetty worker
 * thread, although the request's scope closes after the client has read the response.
 */
class EmbeddedContainerTest {

    static final String NL = System.lineSeparator();
    static FixtureRun run;

    @BeforeAll
    static void runFixture() {
        run = FixtureRun.of(EmbeddedJettyFixture.class);
    }

    private static String site(String method, String code) {
        return Sources.site(OrderRepository.class, method, code);
    }

    @Test
    void anNPlusOneOnAContainerThreadFailsTheTestWithTheRoute() {
        assertThat(run.passed()).containsExactly("listsJoinedOrdersOverHttp");
        assertThat(run.failure("listsOrdersOverHttp")).isExactlyInstanceOf(AssertionError.class).hasMessage(
                "perfmon: EmbeddedJettyFixture.listsOrdersOverHttp() ran 1 N+1 query" + NL
                + NL
                + "1) N+1 query on route GET /orders: 4 executions with 4 parameter sets [datasource shop]" + NL
                + "     select name from shop_items where order_id = ? order by id" + NL
                + "     at " + site("itemsOf", "try (ResultSet rs = p.executeQuery())") + " x4" + NL
                + "     consider fetching the rows in one statement (a join or an IN list) instead of one statement per row"
                + NL);
    }

    @Test
    void aBudgetCountsTheStatementsOfTheRequest() {
        assertThat(run.failure("selectBudgetOverHttp")).hasMessage(
                "perfmon: EmbeddedJettyFixture.selectBudgetOverHttp() broke 1 statement budget" + NL
                + NL
                + "1) Statement budget: expected at most 1 select statement, 5 ran" + NL
                + "   4 x select name from shop_items where order_id = ? order by id  [select, datasource shop]"
                + " on route GET /orders" + NL
                + "       at " + site("itemsOf", "try (ResultSet rs = p.executeQuery())") + " x4" + NL
                + "   1 x select id from shop_orders order by id  [select, datasource shop] on route GET /orders" + NL
                + "       at " + site("linesOneQueryPerOrder", "ResultSet rs = s.executeQuery(") + " x1" + NL);
    }
}
