package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterHashingTest {

    @Test
    void valuesOfJdkTypesHashByValueAcrossSetterFlavours() {
        assertThat(ParameterHashes.ofObject(5)).isEqualTo(ParameterHashes.of(5L));
        assertThat(ParameterHashes.ofObject(5L)).isEqualTo(ParameterHashes.of(5.0));
        assertThat(ParameterHashes.ofObject("a")).isEqualTo(ParameterHashes.of("a")).isNotEqualTo(ParameterHashes.of("b"));
        assertThat(ParameterHashes.ofObject(new BigDecimal("1.5"))).isEqualTo(ParameterHashes.ofObject(new BigDecimal("1.5")));
        assertThat(ParameterHashes.ofObject(LocalDate.of(2024, 1, 1))).isEqualTo(ParameterHashes.ofObject(LocalDate.of(2024, 1, 1)));
        UUID id = UUID.randomUUID();
        assertThat(ParameterHashes.ofObject(id)).isEqualTo(ParameterHashes.ofObject(UUID.fromString(id.toString())));
        assertThat(ParameterHashes.ofObject(new Long[] {1L, 2L})).isEqualTo(ParameterHashes.ofObject(new Long[] {1L, 2L}))
                .isNotEqualTo(ParameterHashes.ofObject(new Long[] {1L, 3L}));
        assertThat(ParameterHashes.ofObject(null)).isEqualTo(ParameterHashes.NULL);
        assertThat(ParameterHashes.of(true)).isNotEqualTo(ParameterHashes.of(false));
    }

    @Test
    void streamsAndApplicationObjectsHashByIdentityWithoutRunningTheirCode() {
        Object application = new Object() {
            @Override
            public int hashCode() {
                throw new AssertionError("application code must not run");
            }
        };
        assertThat(ParameterHashes.ofObject(application)).isEqualTo(ParameterHashes.ofObject(application));
        ByteArrayInputStream stream = new ByteArrayInputStream(new byte[] {1, 2});
        assertThat(ParameterHashes.opaque(stream)).isEqualTo(ParameterHashes.opaque(stream));
        assertThat(stream.available()).isEqualTo(2);
    }

    @Test
    void applicationSubclassesOfJdkValueTypesHashByIdentity() {
        java.util.Date custom = new java.util.Date(0) {
            @Override
            public int hashCode() {
                throw new AssertionError("application code must not run");
            }
        };
        assertThat(ParameterHashes.ofObject(custom)).isEqualTo(ParameterHashes.ofObject(custom))
                .isNotEqualTo(ParameterHashes.ofObject(new java.util.Date(0)));
        assertThat(ParameterHashes.ofObject(java.sql.Timestamp.valueOf("2024-01-01 00:00:00")))
                .as("java.sql types are the JDK's own").isEqualTo(
                        ParameterHashes.ofObject(java.sql.Timestamp.valueOf("2024-01-01 00:00:00")));
    }

    @Test
    void urlsHashByTheirTextWithoutResolvingTheHost() throws Exception {
        // An unresolvable host: URL.hashCode would try DNS; the text hash never does.
        java.net.URL a = new java.net.URL("http://perfmon-no-such-host.invalid/a");
        assertThat(ParameterHashes.ofObject(a)).isEqualTo(ParameterHashes.ofObject(new java.net.URL(a.toExternalForm())))
                .isNotEqualTo(ParameterHashes.ofObject(new java.net.URL("http://perfmon-no-such-host.invalid/b")));
    }

    @Test
    void boundParametersPersistUntilClearedAndPagingOrdinalsAreSkipped() {
        ParameterSlots slots = new ParameterSlots();
        slots.set(1, ParameterHashes.of(7L));
        slots.set(2, ParameterHashes.of(10L));
        long both = slots.hash(SqlInfo.NO_ORDINALS);
        long withoutPaging = slots.hash(new int[] {2});
        slots.set(2, ParameterHashes.of(20L));
        assertThat(slots.hash(SqlInfo.NO_ORDINALS)).isNotEqualTo(both);
        assertThat(slots.hash(new int[] {2})).isEqualTo(withoutPaging);
        slots.set(5000, ParameterHashes.of(1L));
        assertThat(slots.hash(SqlInfo.NO_ORDINALS)).isNotEqualTo(both);
        slots.clear();
        assertThat(slots.hash(SqlInfo.NO_ORDINALS)).isEqualTo(new ParameterSlots().hash(SqlInfo.NO_ORDINALS));
        slots.setNamed("a", 1);
        assertThat(slots.hash(SqlInfo.NO_ORDINALS)).isNotEqualTo(new ParameterSlots().hash(SqlInfo.NO_ORDINALS));
    }

    @Test
    void countsAreExactUntilTheCapThenSaturate() {
        LongCounts counts = new LongCounts();
        counts.increment(0);
        counts.increment(0);
        counts.increment(1);
        assertThat(counts.size()).isEqualTo(2);
        assertThat(counts.maxCount()).isEqualTo(2);
        assertThat(counts.repeatedExecutions()).isEqualTo(2);
        assertThat(counts.repeatedKeys()).isEqualTo(1);
        for (long k = 2; k < LongCounts.MAX_KEYS + 100; k++) {
            counts.increment(k * 7919);
        }
        assertThat(counts.size()).isEqualTo(LongCounts.MAX_KEYS);
        assertThat(counts.saturated()).isTrue();
    }

    @Test
    void callSitesSkipInfrastructureButNotTheApplicationsOwnClasses() {
        CallSites sites = new CallSites(java.util.List.of("com.example.repo."));
        assertThat(sites.isInfrastructure("org.hibernate.internal.SessionImpl")).isTrue();
        assertThat(sites.isInfrastructure("dev.perfmon.jdbc.PerfMonDataSource")).isTrue();
        assertThat(sites.isInfrastructure("dev.perfmon.jdbc.PerfMonDataSource$TimedConnectionBuilder")).isTrue();
        assertThat(sites.isInfrastructure("dev.perfmon.jdbc.PerfMonDataSourceTest")).isFalse();
        assertThat(sites.isInfrastructure("com.example.User$HibernateProxy$abc")).isTrue();
        assertThat(sites.isInfrastructure("com.example.repo.BaseRepository")).isTrue();
        assertThat(sites.isInfrastructure("com.example.PostService")).isFalse();
    }
}
