package dev.perfmon.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The spare scopes of ended threads: bounded, each handed out once, the last kept first out. */
class SpareScopesTest {

    private final SpareScopes spares = new SpareScopes();

    @Test
    void keepsAtMostItsCapacityAndHandsEachOutOnce() {
        List<RequestScope> given = new ArrayList<>();
        for (int i = 0; i < SpareScopes.CAPACITY + 44; i++) {
            RequestScope scope = new RequestScope();
            given.add(scope);
            spares.give(scope, Integer.MAX_VALUE);
        }

        assertThat(spares.size()).isEqualTo(SpareScopes.CAPACITY);
        List<RequestScope> taken = new ArrayList<>();
        for (RequestScope scope = spares.take(); scope != null; scope = spares.take()) {
            taken.add(scope);
        }
        assertThat(taken).hasSize(SpareScopes.CAPACITY).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(given.subList(0, SpareScopes.CAPACITY));
        assertThat(spares.size()).isZero();
    }

    @Test
    void keepsNoMoreThanTheLimitEachGiveNames() {
        for (int i = 0; i < 100; i++) {
            spares.give(new RequestScope(), 64);
        }

        assertThat(spares.size()).isEqualTo(64);
    }

    @Test
    void anEmptyPoolHandsOutNothingAndAClearedOneKeepsNothing() {
        assertThat(spares.take()).isNull();

        spares.give(new RequestScope(), Integer.MAX_VALUE);
        spares.clear();

        assertThat(spares.size()).isZero();
        assertThat(spares.take()).isNull();
    }
}
