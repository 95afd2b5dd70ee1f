package dev.perfmon.spring.boot.matrix;

import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.samples.blog.BlogApplication;
import org.springframework.samples.blog.BlogData;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blog with Spring Boot's one setting for virtual threads ({@code spring.threads.virtual.enabled}),
 * on every Boot line: each request runs on a fresh virtual thread of the embedded Tomcat, sixteen at
 * a time, and each is still counted once under its route, with its own statements in its own
 * breakdown and its N+1 found under its own route. JDK 21+: runs with {@code -Pvirtual-threads}.
 */
@Tag("virtual-threads")
@SpringBootTest(classes = {BlogApplication.class, BlogOnVirtualThreadsTest.RequestThreads.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.threads.virtual.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlogOnVirtualThreadsTest {

    private static final int LISTINGS = 40;
    private static final int LOOKUPS = 120;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    RequestThreads requestThreads;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        BlogRedis.properties(registry);
    }

    /** Notes the thread each request runs on, as the container hands it over. */
    @Configuration(proxyBeanMethods = false)
    static class RequestThreads {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Bean
        Filter requestThreadProbe() {
            return (request, response, chain) -> {
                seen.add(Thread.currentThread().toString());
                chain.doFilter(request, response);
            };
        }
    }

    @BeforeAll
    void sendSixteenAtATime() throws Exception {
        Http http = new Http(port);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < LISTINGS + LOOKUPS; i++) {
                String path = i % 4 == 0 ? "/posts/naive" : "/posts/" + (1 + i % BlogData.POSTS);
                statuses.add(clients.submit(() -> http.get(path).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdown();
        }
        // A client may read its response before the server finished recording the request.
        Await.until("every request recorded", () -> requests("/posts/naive") + requests("/posts/{id}") >= LISTINGS + LOOKUPS);
    }

    @Test
    void theRequestsRanOnVirtualThreads() {
        assertThat(requestThreads.seen).isNotEmpty().allMatch(thread -> thread.startsWith("VirtualThread["));
    }

    @Test
    void everyRequestIsCountedOnceUnderItsRoute() {
        assertThat(requests("/posts/naive")).isEqualTo(LISTINGS);
        assertThat(requests("/posts/{id}")).isEqualTo(LOOKUPS);
    }

    @Test
    void eachListingCountsItsOwnStatementsAndItsOwnNPlusOne() {
        DistributionSummary statements = registry.get("perfmon.request.statements").tag("uri", "/posts/naive").summary();

        // One query for the posts and one per post, in every listing and in no other request.
        assertThat(statements.count()).isEqualTo(LISTINGS);
        assertThat(statements.totalAmount()).isEqualTo(LISTINGS * (1 + BlogData.POSTS));
        assertThat(nPlusOnes("/posts/naive")).isEqualTo(LISTINGS);
        assertThat(nPlusOnes("/posts/{id}")).isZero();
    }

    private long requests(String uri) {
        return registry.find("http.server.requests").tag("uri", uri).timers().stream().mapToLong(Timer::count).sum();
    }

    private double nPlusOnes(String uri) {
        return registry.find("perfmon.nplusone").tag("uri", uri).counters().stream().mapToDouble(Counter::count).sum();
    }
}
