package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.event.PoolSaturation.Holder;
import dev.perfmon.core.report.PoolHolder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's pool facts stay bounded however many pools and holding routes the events name. */
class PoolEpisodesTest {

    private static PoolFact opening(String pool, Holder... holders) {
        return new PoolFact(pool, true, 10, 10, 3, List.of(holders));
    }

    @Test
    void holdingRoutesBeyondTheLimitAddUpUnderOneOverflowRoute() {
        PoolEpisodes episodes = new PoolEpisodes();
        int routes = PoolTally.MAX_ROUTES + 50;
        for (int i = 0; i < routes; i++) {
            episodes.add(opening("main", new Holder("GET /r" + i, Duration.ofSeconds(1))));
        }

        PoolTally main = episodes.pool("main");

        assertThat(main.routes()).isEqualTo(PoolTally.MAX_ROUTES + 1);
        assertThat(main.episodes()).isEqualTo(routes);
        // Nothing is lost: the 50 routes past the limit keep their 50 s together.
        assertThat(main.mainHolders()).first().isEqualTo(new PoolHolder(PoolTally.OVERFLOW_ROUTE, 50));
    }

    @Test
    void poolsBeyondTheLimitAddUpUnderOneOverflowPool() {
        PoolEpisodes episodes = new PoolEpisodes();
        int pools = PoolEpisodes.MAX_POOLS + 5;
        for (int i = 0; i < pools; i++) {
            episodes.add(opening("pool-" + i));
        }

        assertThat(episodes.pools()).hasSize(PoolEpisodes.MAX_POOLS + 1);
        assertThat(episodes.pool(PoolEpisodes.OVERFLOW_POOL).episodes()).isEqualTo(5);
        assertThat(episodes.episodes()).isEqualTo(pools);
    }
}
