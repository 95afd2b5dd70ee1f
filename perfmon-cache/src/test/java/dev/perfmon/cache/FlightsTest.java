package dev.perfmon.cache;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FlightsTest {

    @Test
    void concurrentClaimsOfOneKeyElectExactlyOneLeaderAndTheOthersGetItsValue() throws Exception {
        Flights<String> flights = new Flights<>(100);
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch allClaimed = new CountDownLatch(callers);
        AtomicInteger loads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    Flight<String> mine = flights.newFlight(false, true);
                    Flight<String> other = flights.claim("post:1", mine);
                    allClaimed.countDown();
                    if (other != null) {
                        assertThat(other.afterMiss()).isTrue();
                        return other.result().get(5, TimeUnit.SECONDS);
                    }
                    allClaimed.await(5, TimeUnit.SECONDS); // every other caller is a joiner by now
                    loads.incrementAndGet();
                    mine.result().complete("loaded");
                    flights.remove("post:1", mine);
                    return "loaded";
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        assertThat(flights.size()).isZero();
        assertThat(flights.joinable("post:1")).isNull();
    }

    @Test
    void pastItsBoundALoadRunsUntrackedInsteadOfGrowingTheMap() {
        Flights<String> flights = new Flights<>(1);
        Flight<String> first = flights.newFlight(false, true);
        assertThat(flights.claim("a", first)).isNull();
        Flight<String> second = flights.newFlight(false, true);
        assertThat(flights.claim("b", second)).isNull(); // leads, but nobody can join it
        assertThat(flights.size()).isEqualTo(1);
        assertThat(flights.joinable("a")).isSameAs(first);
        assertThat(flights.joinable("b")).isNull();
        flights.remove("b", second);
        flights.remove("a", first);
        assertThat(flights.size()).isZero();
    }

    @Test
    void anInvalidationStopsALoadInFlightFromWritingBackAndFromBeingJoined() {
        Flights<String> flights = new Flights<>(10);
        Flight<String> load = flights.newFlight(false, true);
        flights.claim("post:1", load);

        flights.invalidate("post:1");

        assertThat(flights.joinable("post:1")).isNull();
        AtomicInteger writes = new AtomicInteger();
        assertThat(load.writeUnlessInvalidated(writes::incrementAndGet)).isFalse();
        assertThat(writes).hasValue(0);
        Flight<String> fresh = flights.newFlight(false, true);
        assertThat(flights.claim("post:1", fresh)).isNull();
        assertThat(fresh.writeUnlessInvalidated(writes::incrementAndGet)).isTrue();
        assertThat(writes).hasValue(1);
    }

    @Test
    void withoutSingleFlightOverlappingLoadsOfAKeyAreReportedAsDuplicates() {
        Flights<String> flights = new Flights<>(10);
        List<Integer> duplicates = new ArrayList<>();
        Flight<String> first = flights.enter("k", (concurrent, scope) -> duplicates.add(concurrent), null);
        Flight<String> second = flights.enter("k", (concurrent, scope) -> duplicates.add(concurrent), null);
        Flight<String> third = flights.enter("k", (concurrent, scope) -> duplicates.add(concurrent), null);
        assertThat(second).isSameAs(first).isSameAs(third);
        assertThat(duplicates).containsExactly(2, 3);
        flights.exit("k", first);
        flights.exit("k", second);
        flights.exit("k", third);
        assertThat(flights.size()).isZero();
        flights.enter("k", (concurrent, scope) -> duplicates.add(concurrent), null);
        assertThat(duplicates).containsExactly(2, 3); // a fresh record: no duplicate
    }
}
