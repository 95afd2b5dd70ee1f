package dev.perfmon.test;

import com.example.shop.OrderRepository;
import com.example.shop.Shop;
import com.example.shop.fixtures.LenientFixture;
import com.example.shop.fixtures.NPlusOneFixture;
import dev.perfmon.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain JDBC tests over HikariCP, on H2 and PostgreSQL, fail on N+1 and duplicate queries with a
 * message naming the statement, its executions and its call site; fixed code and opted-out tests
 * pass, and a test's own failure is what it reports.
 */
class NPlusOneGateTest {

    static final String NL = System.lineSeparator();

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @AfterEach
    void backToH2() {
        Shop.use(TestDatabase.h2());
    }

    static String itemsOfSite() {
        return Sources.site(OrderRepository.class, "itemsOf", "try (ResultSet rs = p.executeQuery())");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anNPlusOneFailsTheTestAndTheFixedVersionPasses(TestDatabase db) {
        Shop.use(db);
        FixtureRun run = FixtureRun.of(NPlusOneFixture.class);

        assertThat(run.passed()).containsExactly("listsOrdersOneQueryPerOrderOnPurpose", "listsOrdersWithAJoin",
                "readsTheSameCustomerThreeTimesOnPurpose");
        assertThat(run.failed()).containsExactly("failsItsOwnAssertionAfterAnNPlusOne", "listsOrdersOneQueryPerOrder",
                "readsTheSameCustomerThreeTimes");
        assertThat(run.failure("listsOrdersOneQueryPerOrder")).isExactlyInstanceOf(AssertionError.class).hasMessage(
                "perfmon: NPlusOneFixture.listsOrdersOneQueryPerOrder() ran 1 N+1 query" + NL
                + NL
                + "1) N+1 query in the test method: 4 executions with 4 parameter sets [datasource shop]" + NL
                + "     select name from shop_items where order_id = ? order by id" + NL
                + "     at " + itemsOfSite() + " x4" + NL
                + "     consider fetching the rows in one statement (a join or an IN list) instead of one statement per row"
                + NL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDuplicateQueryFailsTheTestWithItsCallSite(TestDatabase db) {
        Shop.use(db);
        FixtureRun run = FixtureRun.of(NPlusOneFixture.class);

        assertThat(run.failure("readsTheSameCustomerThreeTimes")).hasMessage(
                "perfmon: NPlusOneFixture.readsTheSameCustomerThreeTimes() ran 1 duplicate query" + NL
                + NL
                + "1) Duplicate query in the test method: 3 executions with 1 parameter set [datasource shop]" + NL
                + "     select customer from shop_orders where id = ?" + NL
                + "     at " + Sources.site(OrderRepository.class, "customer", "try (ResultSet rs = p.executeQuery())")
                + " x3" + NL
                + "     consider reusing the first result within the request instead of running the same statement again"
                + NL);
    }

    @Test
    void theTestsOwnFailureWinsAndCarriesTheFindingAsSuppressed() {
        Throwable failure = FixtureRun.of(NPlusOneFixture.class).failure("failsItsOwnAssertionAfterAnNPlusOne");

        assertThat(failure.getMessage()).contains("Expected size: 9 but was: 8").doesNotContain("perfmon");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0].getMessage())
                .startsWith("perfmon: NPlusOneFixture.failsItsOwnAssertionAfterAnNPlusOne() ran 1 N+1 query" + NL)
                .contains("at " + itemsOfSite() + " x4");
    }

    @Test
    void theExtensionsSettingsCanAllowFindingsForEveryTest() {
        FixtureRun run = FixtureRun.of(LenientFixture.class);

        assertThat(run.passed()).containsExactly("listsOrdersOneQueryPerOrder", "readsTheSameCustomerThreeTimes");
        assertThat(run.failed()).isEmpty();
    }
}
