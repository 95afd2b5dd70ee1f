package dev.perfmon.core;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteGuardTest {

    @Test
    void routesPastTheBudgetFoldIntoTheirMethodAndTheOverflowValueAndBareNamesIntoTheOverflowValue() {
        RouteGuard guard = new RouteGuard(2, "OTHER");
        assertThat(guard.admit("GET /a")).isEqualTo("GET /a");
        assertThat(guard.admit("job-1")).isEqualTo("job-1");
        assertThat(guard.admit("POST /c")).isEqualTo("POST OTHER");
        assertThat(guard.admit("job-2")).isEqualTo("OTHER");
        assertThat(guard.admit("UNKNOWN /d")).isEqualTo("UNKNOWN OTHER");
        assertThat(guard.foldedCount()).isEqualTo(3);
        assertThat(guard.admit("POST OTHER")).as("a folded spelling is its own answer").isEqualTo("POST OTHER");
    }

    @Test
    void budgetsCountTemplatesSoEveryMethodOfAKeptTemplateIsKept() {
        RouteGuard guard = new RouteGuard(1, "OTHER");
        assertThat(guard.admit("GET /posts")).isEqualTo("GET /posts");
        assertThat(guard.admit("POST /posts")).isEqualTo("POST /posts");
        assertThat(guard.admit("DELETE /posts")).isEqualTo("DELETE /posts");
        assertThat(guard.admit("GET /users")).isEqualTo("GET OTHER");
        assertThat(guard.keptCount()).isEqualTo(3);
    }

    @Test
    void aFloodOfDerivedRoutesNeverFoldsADeclaredOne() {
        RouteGuard guard = new RouteGuard(10, "OTHER");
        for (int i = 0; i < 10_000; i++) {
            guard.admit("GET /catalog/item" + i);
        }
        assertThat(guard.admitDeclared("GET /posts/{id}")).isEqualTo("GET /posts/{id}");
        assertThat(guard.admit("GET /posts/{id}")).as("every later admission, whatever its origin").isEqualTo("GET /posts/{id}");
        assertThat(guard.foldedCount()).isEqualTo(10_000 - 10);
    }

    @Test
    void aRouteOfUnknownOriginThatFoldedIsKeptOnceTheApplicationDeclaresItAndStaysKept() {
        RouteGuard guard = new RouteGuard(1, "OTHER");
        guard.admit("GET /flood");
        assertThat(guard.admit("GET /posts")).isEqualTo("GET OTHER");
        assertThat(guard.admit("GET /posts")).as("remembered as folded").isEqualTo("GET OTHER");
        assertThat(guard.admitDeclared("GET /posts")).isEqualTo("GET /posts");
        assertThat(guard.admit("GET /posts")).isEqualTo("GET /posts");
    }

    @Test
    void keptTemplatesSpendNoBudgetUnderAnyMethod() {
        RouteGuard guard = new RouteGuard(1, "OTHER");
        guard.keepTemplate("NOT_FOUND");
        for (String method : List.of("GET", "POST", "UNKNOWN")) {
            assertThat(guard.admitDeclared(method + " NOT_FOUND")).isEqualTo(method + " NOT_FOUND");
        }
        assertThat(guard.admitDeclared("GET /posts")).isEqualTo("GET /posts");
        assertThat(guard.admitDeclared("GET /users")).isEqualTo("GET OTHER");
        assertThatThrownBy(() -> guard.keepTemplate(" ")).hasMessage("template must not be blank, was ' '");
    }

    @Test
    void aKeptRouteIsAnsweredWithTheKeptInstanceAndAFoldedOneAllocatesNoNewSpelling() {
        RouteGuard guard = new RouteGuard(1, "OTHER");
        String kept = guard.admit(new String("GET /a"));
        assertThat(guard.admit(new String("GET /a"))).isSameAs(kept);
        assertThat(guard.admit("GET /b")).isSameAs(guard.admit("GET /c"));
    }

    /** The race is narrow (the last of the budget taken while another thread decides the same template): many rounds. */
    @Test
    void racingThreadsKeepExactlyTheBudgetOfTemplatesAndAgreeOnEachRoute() throws Exception {
        try (RacingAdmissions racing = new RacingAdmissions()) {
            racing.assertEachValueGetsOneAnswerAndExactlyTheCapIsKept(50, 400, 50, i -> "GET /r" + i, () -> {
                RouteGuard guard = new RouteGuard(50, "OTHER");
                return new RacingAdmissions.Guard(guard::admit, guard::keptCount);
            });
        }
    }

    @Test
    void theBreakdownOfAPerfMonFoldsWhatItsGuardFolds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PerfMon perfMon = PerfMon.builder(registry)
                .config(PerfMonConfig.builder().maxTagValues(3).logFindings(false).build()).build()) {
            for (int i = 0; i < 3; i++) {
                perfMon.routeGuard().admit("GET /kept" + i);
            }
            for (String route : List.of("GET /kept1", "GET /late", "POST /late")) {
                try (RequestScope scope = perfMon.openScope(route)) {
                    scope.recordSegment(Segment.DB_QUERY, 5);
                }
            }
        }
        List<Timer> timers = new ArrayList<>(registry.find("perfmon.request.segment").timers());
        assertThat(timers.stream().map(t -> t.getId().getTag("method") + " " + t.getId().getTag("uri"))
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("GET /kept1", "GET OTHER", "POST OTHER");
    }
}
