package dev.perfmon.test;

import com.example.shop.OrderRepository;
import com.example.shop.fixtures.BudgetFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExpectStatements} budgets on plain JDBC: total and per type, at most or exactly, from the
 * class or the method; a broken budget lists every statement it counted with its call sites.
 */
class StatementBudgetTest {

    static final String NL = System.lineSeparator();
    static FixtureRun run;

    @BeforeAll
    static void runFixture() {
        run = FixtureRun.of(BudgetFixture.class);
    }

    private static String site(String method, String code) {
        return Sources.site(OrderRepository.class, method, code);
    }

    @Test
    void budgetsThatHoldPass() {
        assertThat(run.passed()).containsExactly("classBudgetHoldsForFiveStatements", "fillingABasketBatchesItsItems",
                "joinFitsInOneStatement");
    }

    @Test
    void aBrokenBudgetListsTheStatementsThatRanMostFirst() {
        assertThat(run.failure("loopBreaksABudgetOfThree")).isExactlyInstanceOf(AssertionError.class).hasMessage(
                "perfmon: BudgetFixture.loopBreaksABudgetOfThree() broke 1 statement budget" + NL
                + NL
                + "1) Statement budget: expected at most 3 statements, 5 ran" + NL
                + "   4 x select name from shop_items where order_id = ? order by id  [select, datasource shop]"
                + " in the test method" + NL
                + "       at " + site("itemsOf", "try (ResultSet rs = p.executeQuery())") + " x4" + NL
                + "   1 x select id from shop_orders order by id  [select, datasource shop] in the test method" + NL
                + "       at " + site("linesOneQueryPerOrder", "ResultSet rs = s.executeQuery(") + " x1" + NL);
    }

    @Test
    void aTypeBudgetCountsAndListsOnlyItsType() {
        assertThat(run.failure("fillingABasketBreaksAnInsertBudgetOfOne")).hasMessage(
                "perfmon: BudgetFixture.fillingABasketBreaksAnInsertBudgetOfOne() broke 1 statement budget" + NL
                + NL
                + "1) Statement budget: expected at most 1 insert statement, 2 ran" + NL
                + "   1 x insert into shop_baskets (id, customer) values (?, ?)  [insert, datasource shop]"
                + " in the test method" + NL
                + "       at " + site("fillBasket", "p.executeUpdate();") + " x1" + NL
                + "   1 x insert into shop_basket_items (id, basket_id, name) values (?, ?, ?)  [insert, datasource shop]"
                + " in the test method" + NL
                + "       at " + site("fillBasket", "p.executeBatch();") + " x1" + NL);
    }

    @Test
    void anExactCountFailsWhenFewerStatementsRan() {
        assertThat(run.failure("exactCountMissed").getMessage())
                .contains("1) Statement budget: expected exactly 2 statements, 1 ran" + NL)
                .contains("   1 x select o.id, i.name from shop_orders o join shop_items i on i.order_id = o.id"
                        + " order by o.id, i.id  [select, datasource shop] in the test method");
    }

    @Test
    void theClassBudgetAppliesWhereTheMethodHasNone() {
        assertThat(run.failure("classBudgetBrokenBySevenStatements").getMessage())
                .contains("1) Statement budget: expected at most 6 statements, 7 ran" + NL);
    }

    @Test
    void aBudgetWithBothMaxAndCountIsAConfigurationError() {
        assertThat(run.failure("budgetWithBothMaxAndCount"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ExpectStatements needs exactly one of max and count, zero or more; was max = 1, count = 1");
    }
}
