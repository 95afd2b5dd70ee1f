package dev.perfmon.spring.boot.matrix;

import dev.perfmon.jdbc.hibernate.HibernateNPlusOne;
import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.samples.blog.BlogApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application with {@code perfmon.enabled=false}: no perfmon at all, Boot's own metrics
 * as without the starter. Run by each Boot line from a subclass, as {@link BlogScenarios}.
 */
@SpringBootTest(classes = BlogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "perfmon.enabled=false")
public abstract class DisabledBlogScenarios {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        BlogRedis.properties(registry);
    }

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    MeterRegistry registry;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void noBeanOfPerfmonExists() {
        List<String> perfmonBeans = Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> {
                    Class<?> type = context.getType(name);
                    return type != null && type.getName().startsWith("dev.perfmon.")
                            || name.toLowerCase().contains("perfmon");
                })
                .toList();
        assertThat(perfmonBeans).isEmpty();
        assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("perfmon."));
    }

    @Test
    void hibernateRunsWithoutPerfmonsListeners() {
        SessionFactory sessionFactory = entityManagerFactory.unwrap(SessionFactory.class);
        assertThat(sessionFactory.getProperties()).containsEntry(HibernateNPlusOne.ENABLED_PROPERTY, "false");
        assertThat(HibernateNPlusOne.isRegistered(sessionFactory)).isFalse();
    }

    @Test
    void bootStillRecordsHttpServerRequestsAndHikariMeters() {
        Http http = new Http(port);
        assertThat(http.get("/posts/naive").statusCode()).isEqualTo(200);
        assertThat(http.get("/no/such/page").statusCode()).isEqualTo(404);
        Await.until("Boot's timer of /posts/naive", () -> registry.find("http.server.requests")
                .tag("uri", "/posts/naive").timers().stream().mapToLong(Timer::count).sum() == 1);
        Await.until("Boot's timer of the 404", () -> registry.find("http.server.requests").tag("status", "404")
                .timers().stream().mapToLong(Timer::count).sum() == 1);
        // Spring MVC's static-resource mapping matched the unknown path: Boot tags it with its pattern, as perfmon does.
        assertThat(registry.find("http.server.requests").tag("status", "404").timer().getId().getTag("uri"))
                .isEqualTo("/**");
        assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).filter(n -> n.startsWith("hikaricp."))
                .distinct().sorted().toList()).isEqualTo(BlogScenarios.HIKARI_METERS);
    }
}
