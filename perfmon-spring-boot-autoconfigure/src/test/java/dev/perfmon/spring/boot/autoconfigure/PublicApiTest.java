package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.testsupport.PublicApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing an application can call names a type from an internal package. */
class PublicApiTest {

    @Test
    void thePublicApiNamesNoInternalType() {
        assertThat(PublicApi.internalTypesReachable(PerfMonAutoConfiguration.class)).isEmpty();
    }
}
