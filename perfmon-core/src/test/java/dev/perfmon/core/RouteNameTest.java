package dev.perfmon.core;

import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteNameTest {

    @Test
    void anHttpRouteIsItsMethodAndTemplateAndSplitsIntoTheRequestTimersTags() {
        String route = RouteName.of("GET", "/owners/{ownerId}");

        assertThat(route).isEqualTo("GET /owners/{ownerId}");
        assertThat(RouteName.tags(route)).isEqualTo(Tags.of("method", "GET", "uri", "/owners/{ownerId}"));
        assertThat(RouteName.fromTags("GET", "/owners/{ownerId}")).isEqualTo(route);
    }

    @Test
    void fixedUriValuesKeepTheirMethod() {
        assertThat(RouteName.tags("DELETE NOT_FOUND")).isEqualTo(Tags.of("method", "DELETE", "uri", "NOT_FOUND"));
        assertThat(RouteName.tags("UNKNOWN OTHER")).isEqualTo(Tags.of("method", "UNKNOWN", "uri", "OTHER"));
    }

    @Test
    void aScopeThatIsNotARequestKeepsItsWholeNameUnderTheNoMethodValue() {
        assertThat(RouteName.tags("nightly-import")).isEqualTo(Tags.of("method", "NONE", "uri", "nightly-import"));
        assertThat(RouteName.tags("IMPORT orders")).isEqualTo(Tags.of("method", "NONE", "uri", "IMPORT orders"));
        assertThat(RouteName.tags("GET")).isEqualTo(Tags.of("method", "NONE", "uri", "GET"));
        assertThat(RouteName.tags("GET ")).isEqualTo(Tags.of("method", "NONE", "uri", "GET "));
        assertThat(RouteName.tags("get /posts")).isEqualTo(Tags.of("method", "NONE", "uri", "get /posts"));
        assertThat(RouteName.fromTags("NONE", "nightly-import")).isEqualTo("nightly-import");
    }
}
