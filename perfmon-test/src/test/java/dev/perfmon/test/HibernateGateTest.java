package dev.perfmon.test;

import com.example.shop.fixtures.HibernateFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A Hibernate lazy-collection loop fails the test with the association named; the join fetch passes. */
class HibernateGateTest {

    static final String NL = System.lineSeparator();

    @Test
    void aLazyCollectionLoopFailsNamingTheAssociation() {
        FixtureRun run = FixtureRun.of(HibernateFixture.class);

        assertThat(run.passed()).containsExactly("countsItemsWithAJoinFetch");
        assertThat(run.failure("countsItemsOrderByOrder")).isExactlyInstanceOf(AssertionError.class).hasMessage(
                "perfmon: HibernateFixture.countsItemsOrderByOrder() ran 1 N+1 query" + NL
                + NL
                + "1) N+1 query in the test method: 4 executions with 4 parameter sets [datasource shop]" + NL
                + "     select i1_0.order_id, i1_0.id, i1_0.name from shop_items i1_0 where i1_0.order_id=?"
                + " order by i1_0.id" + NL
                + "     at " + Sources.site(HibernateFixture.class, "countsItemsOrderByOrder", "order.getItems().size()")
                + " x4" + NL
                + "     via ShopOrder.items" + NL
                + "     consider join fetch ShopOrder.items, an entity graph, or @BatchSize on ShopOrder.items"
                + " (or hibernate.default_batch_fetch_size)" + NL);
    }
}
