package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.domain.Seeder;
import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --perfmon off}: the same board, served with nothing of perfmon wired in. */
class DemoWithoutPerfMonTest {

    @Test
    void servesTheBoardWithoutAnyPerfMonMeter() {
        DemoSettings settings = DemoSettings.defaults().withRedis(TestRedis.uri()).withSeeder(new Seeder(20, 100, 4))
                .withPerfMon(false);
        try (DemoApp app = DemoApp.start(settings)) {
            Http http = new Http(app.baseUri());
            assertThat(http.get("/posts").body()).startsWith("{\"page\":0,\"posts\":[{\"id\":");
            assertThat(http.get("/posts/12").body()).contains("\"id\":12,");
            assertThat(http.get("/posts/12").body()).contains("\"id\":12,");   // from the cache
            assertThat(http.postForm("/posts", "authorId=7&title=Fresh&body=Hi").statusCode()).isEqualTo(201);
            assertThat(http.get("/posts/999999").statusCode()).isEqualTo(404);
            assertThat(http.get("/health").statusCode()).isEqualTo(200);
            assertThat(http.get("/perfmon/").statusCode()).isEqualTo(404);

            assertThat(app.perfMon()).isNull();
            assertThat(app.registry().getMeters()).extracting(m -> m.getId().getName())
                    .noneMatch(name -> name.startsWith("perfmon") || name.startsWith("http.server")
                            || name.startsWith("hikaricp") || name.startsWith("jdbc") || name.startsWith("cache"));
        }
    }

    @Test
    void theSwitchIsReadFromTheCommandLine() {
        assertThat(DemoOptions.parse(new String[] {"load", "--perfmon", "off"}).perfMon).isFalse();
        assertThat(DemoOptions.parse(new String[] {"serve"}).perfMon).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoOptions.parse(new String[] {"load", "--perfmon=maybe"}))
                .hasMessageContaining("on or off");
    }
}
