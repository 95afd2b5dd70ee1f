package dev.perfmon.servlet;

import dev.perfmon.core.PerfMon;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationTest {

    @Test
    void registerWithInstallsTheFilterForRequestAndAsyncAndPublishesThePerfMon() throws Exception {
        AtomicReference<IllegalStateException> secondRegistration = new AtomicReference<>();
        AtomicReference<Object> published = new AtomicReference<>();
        try (TestApp app = TestApp.builder().installFilter(false).setup(a -> {
            a.context.addEventListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    ServletContext context = event.getServletContext();
                    var registration = a.filter.registerWith(context);
                    assertThat(registration.getUrlPatternMappings()).containsExactly("/*");
                    try {
                        a.filter.registerWith(context);
                    } catch (IllegalStateException expected) {
                        secondRegistration.set(expected);
                    }
                    published.set(context.getAttribute(PerfMonFilter.PERFMON_ATTRIBUTE));
                }
            });
            a.servlet("/async", Servlets.of((req, res) -> req.startAsync().complete()));
            a.servlet("/sync", Servlets.text("x"));
        }).start()) {
            app.get("/sync");
            app.get("/async");
            app.awaitCount(1, "uri", "/sync");
            app.awaitCount(1, "uri", "/async");
            assertThat(secondRegistration.get()).hasMessageContaining("already registered");
            assertThat(published.get()).isSameAs(app.perfMon);
        }
    }

    @Test
    void theWebXmlFormFindsThePerfMonInTheContextAndReadsInitParameters() throws Exception {
        try (TestApp app = TestApp.builder().installFilter(false).setup(a -> {
            a.context.setAttribute(PerfMonFilter.PERFMON_ATTRIBUTE, a.perfMon);
            FilterHolder holder = new FilterHolder(PerfMonFilter.class);
            holder.setAsyncSupported(true);
            holder.setInitParameters(Map.of(
                    "server-timing", "true",
                    "exclude-path-prefixes", "/metrics, /static/",
                    "slo-buckets", "100ms,0.25s,1s",
                    "percentile-histogram", "false"));
            a.context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            a.servlet("/metrics", Servlets.text("# metrics"));
            a.servlet("/posts/*", Servlets.text("posts"));
        }).start()) {
            assertThat(app.get("/posts/1").headers().firstValue("Server-Timing")).isPresent();
            app.get("/metrics");
            app.awaitCount(1, "uri", "/posts/{id}");
            assertThat(app.count()).isEqualTo(1);
            double[] buckets = java.util.Arrays.stream(app.timer("uri", "/posts/{id}").takeSnapshot().histogramCounts())
                    .mapToDouble(c -> c.bucket(java.util.concurrent.TimeUnit.MILLISECONDS)).toArray();
            assertThat(buckets).containsExactly(100, 250, 400, 1000); // the latency SLO (400 ms) is always a bucket
        }
    }

    @Test
    void theWebXmlFormWithoutAPerfMonLetsRequestsThroughUntimed() throws Exception {
        try (TestApp app = TestApp.builder().installFilter(false).setup(a -> {
            a.context.addFilter(new FilterHolder(PerfMonFilter.class), "/*", EnumSet.of(DispatcherType.REQUEST));
            a.servlet("/x", Servlets.text("still served"));
        }).start()) {
            assertThat(app.get("/x").body()).isEqualTo("still served");
            Thread.sleep(50);
            assertThat(app.count()).isZero();
        }
    }

    @Test
    void anInvalidInitParameterFailsInitNamingTheValue() {
        PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry()).build();
        ServletContext context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> method.getName().equals("getAttribute") ? perfMon : null);
        Map<String, String> params = Map.of("slo-buckets", "100ms,soon");
        FilterConfig config = new FilterConfig() {
            @Override
            public String getFilterName() {
                return "perfMon";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public java.util.Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
        assertThatThrownBy(() -> new PerfMonFilter().init(config))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("slo-buckets")
                .hasMessageContaining("soon");
        perfMon.close();
    }
}
