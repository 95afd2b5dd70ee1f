package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.domain.Seeder;
import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo board's HTTP API on a real Jetty, HikariCP, Hibernate over H2, and Redis. */
class DemoServiceTest {

    private static DemoApp app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = DemoApp.start(DemoSettings.defaults().withRedis(TestRedis.uri()).withSeeder(new Seeder(50, 300, 8)));
        http = new Http(app.baseUri());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void listsTheLatestPostsWithTheirAuthors() {
        HttpResponse<String> response = http.get("/posts");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"page\":0,\"posts\":[{\"id\":").contains("\"author\":\"user");
    }

    @Test
    void aNewPostAppearsOnTheFirstPageAtOnceBecauseTheCachedPagesAreEmptied() {
        http.get("/posts");
        http.get("/posts");
        HttpResponse<String> created = http.postForm("/posts", "authorId=7&title=Fresh+news&body=Hello");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll("\\D", "");
        assertThat(http.get("/posts").body()).contains("{\"id\":" + id + ",\"title\":\"Fresh news\",\"author\":\"user7\"");
        assertThat(http.get("/posts/" + id).body()).contains("\"body\":\"Hello\"");
    }

    @Test
    void theNaiveAndTheFixedListingAnswerTheSameJson() {
        for (int page = 0; page < 3; page++) {
            String naive = http.get("/posts/naive?page=" + page).body();
            assertThat(naive).contains("\"comments\":");
            assertThat(http.get("/posts/fixed?page=" + page).body()).isEqualTo(naive);
        }
    }

    @Test
    void answersOnePostAndItsComments() {
        assertThat(http.get("/posts/12").body()).contains("\"id\":12,");
        HttpResponse<String> comments = http.get("/posts/12/comments");
        assertThat(comments.statusCode()).isEqualTo(200);
        assertThat(comments.body()).startsWith("{\"postId\":12,\"comments\":[");
    }

    @Test
    void answers404ForAMissingPostAnd400ForInvalidInput() {
        assertThat(http.get("/posts/999999").statusCode()).isEqualTo(404);
        assertThat(http.get("/posts/999999/comments").statusCode()).isEqualTo(404);
        assertThat(http.get("/posts/abc").statusCode()).isEqualTo(404);
        assertThat(http.get("/posts?page=-1").statusCode()).isEqualTo(400);
        assertThat(http.postForm("/posts", "authorId=7&title=&body=x").statusCode()).isEqualTo(400);
        assertThat(http.postForm("/posts", "authorId=999999&title=t&body=x").statusCode()).isEqualTo(404);
    }

    @Test
    void refreshesTheReportUnderItsRowLock() {
        String first = http.get("/reports/slow").body();
        String second = http.get("/reports/slow").body();
        assertThat(first).contains("\"topAuthorComments\":");
        long firstCount = Long.parseLong(first.replaceAll(".*\"refreshCount\":(\\d+).*", "$1"));
        long secondCount = Long.parseLong(second.replaceAll(".*\"refreshCount\":(\\d+).*", "$1"));
        assertThat(secondCount).isGreaterThan(firstCount);
    }

    @Test
    void reportsHealthOfTheDatabaseAndRedis() {
        HttpResponse<String> health = http.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"database\":\"UP\"", "\"redis\":\"UP\"");
    }

    @Test
    void exposesPrometheusText() {
        HttpResponse<String> metrics = http.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }
}
