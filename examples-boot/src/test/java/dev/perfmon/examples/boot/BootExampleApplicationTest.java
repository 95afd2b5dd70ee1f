package dev.perfmon.examples.boot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example application started as it runs in production ({@code SpringApplication.run}, no
 * test slice, so metrics export is on) on a random port, and asked over real HTTP what the starter
 * alone gives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootExampleApplicationTest {


    private ConfigurableApplicationContext application;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        application = SpringApplication.run(BootExampleApplication.class, "--server.port=0");
        http = new Http("http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port"));
        // The traffic every test reads: 3 lookups of one post (a miss, then 2 hits), the N+1 listing once.
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/posts/1").statusCode()).isEqualTo(200);
        }
        assertThat(http.get("/posts").statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        application.close();
    }

    @Test
    void eachRequestIsCountedOnceUnderItsRouteTemplate() {
        String scrape = awaitScrape("GET /posts/{id} counted", s -> s.contains("uri=\"/posts/{id}\"} 3"));
        assertThat(scrape).contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/posts/{id}\"} 3");
        assertThat(scrape).contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/posts\"} 1");
        assertThat(scrape).doesNotContain("uri=\"/posts/1\"");
    }

    @Test
    void hikariCpPublishesItsOwnMeters() {
        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).contains("hikaricp_connections_max{pool=\"examples\"}",
                "hikaricp_connections_acquire_seconds_count{pool=\"examples\"}");
    }

    @Test
    void theNPlusOneOfTheListingIsCounted() {
        String scrape = awaitScrape("the N+1 of GET /posts", s -> s.contains("perfmon_nplusone_total"));
        assertThat(scrape).containsPattern("perfmon_nplusone_total\\{[^}]*uri=\"/posts\"[^}]*} 1\\.0");
    }

    @Test
    void cacheLookupsAreCountedAsHitsAndMisses() {
        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).contains("cache_gets_total{cache=\"post-titles\",result=\"hit\"} 2.0",
                "cache_gets_total{cache=\"post-titles\",result=\"miss\"} 1.0",
                "cache_puts_total{cache=\"post-titles\"} 1.0");
    }

    @Test
    void thePerfmonEndpointServesTheReport() {
        HttpResponse<String> json = http.get("/actuator/perfmon");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"/posts/{id}\"").containsPattern("\"kind\"\\s*:\\s*\"nplusone\"")
                .contains("Post.comments");
        HttpResponse<String> text = http.get("/actuator/perfmon", "Accept", "text/plain");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).contains("/posts/{id}");
    }

    private String awaitScrape(String what, java.util.function.Predicate<String> ready) {
        return Await.until(what, () -> {
            String scrape = http.get("/actuator/prometheus").body();
            return ready.test(scrape) ? scrape : null;
        });
    }
}
