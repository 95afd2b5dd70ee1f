package dev.perfmon.servlet;

import dev.perfmon.core.PerfMon;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request wrapper the filter hands down the chain is recycled for the next synchronous
 * request of its thread, as containers recycle their own request objects: a servlet request is
 * valid only until the filter chain returns, unless async processing started.
 */
class RequestStateRecyclingTest {

    private static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry).build();
    private final PerfMonFilter filter = new PerfMonFilter(perfMon);

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void consecutiveSynchronousRequestsOfOneThreadSeeTheSameWrapperAndAreEachRecorded() throws Exception {
        List<ServletRequest> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            serve("/posts/" + i, (req, res) -> {
                seen.add(req);
                req.setAttribute(SPRING_PATTERN, "/posts/{id}");
            });
        }
        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(seen.get(2)).isSameAs(seen.get(0));
        assertThat(count("uri", "/posts/{id}")).isEqualTo(3);
    }

    @Test
    void aWrapperKeptPastItsRequestFailsLoudlyInsteadOfReadingTheNextRequest() throws Exception {
        List<HttpServletRequest> kept = new ArrayList<>();
        serve("/a", (req, res) -> {
            req.setAttribute("user", "ann");
            kept.add((HttpServletRequest) req);
        });

        assertThatThrownBy(() -> kept.get(0).getAttribute("user"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("valid only until its filter chain returns");
        assertThat(PerfMonFilter.scope(kept.get(0))).as("no scope through a completed request").isNull();

        serve("/b", (req, res) -> {
            assertThat(req).isSameAs(kept.get(0));
            assertThat(req.getAttribute("user")).as("nothing of the first request").isNull();
            assertThat(((HttpServletRequest) req).getRequestURI()).isEqualTo("/b");
            assertThat(PerfMonFilter.scope(req)).isNotNull();
        });
    }

    @Test
    void anAsyncRequestKeepsItsWrapperUntilItCompletesAndTheNextRequestGetsAnotherOne() throws Exception {
        List<ServletRequest> seen = new ArrayList<>();
        serve("/jobs/1", (req, res) -> {
            seen.add(req);
            req.startAsync();
        });
        serve("/jobs/2", (req, res) -> seen.add(req));

        assertThat(seen.get(1)).isNotSameAs(seen.get(0));
        assertThat(((HttpServletRequest) seen.get(0)).getRequestURI()).as("still the async request").isEqualTo("/jobs/1");
        assertThat(count()).as("the async request is still in flight").isEqualTo(1);

        ((AsyncListener) seen.get(0)).onComplete(null);
        assertThat(count()).isEqualTo(2);
        LongTaskTimer active = registry.get(PerfMonFilter.ACTIVE_METER).longTaskTimer();
        assertThat(active.activeTasks()).isZero();
    }

    @Test
    void aRequestServedInsideAnotherOnTheSameThreadGetsItsOwnWrapper() throws Exception {
        List<ServletRequest> seen = new ArrayList<>();
        serve("/outer", (req, res) -> {
            seen.add(req);
            serve("/inner", (innerReq, innerRes) -> seen.add(innerReq));
            assertThat(((HttpServletRequest) req).getRequestURI()).as("the outer request, untouched").isEqualTo("/outer");
        });
        assertThat(seen.get(1)).isNotSameAs(seen.get(0));
    }

    private void serve(String path, FilterChain chain) throws IOException, ServletException {
        InProcessExchange exchange = new InProcessExchange("GET", path);
        filter.doFilter(exchange.request, exchange.response, chain);
    }

    private long count(String... tags) {
        return registry.find(PerfMonFilter.REQUESTS_METER).tags(tags).timers().stream().mapToLong(t -> t.count()).sum();
    }
}
