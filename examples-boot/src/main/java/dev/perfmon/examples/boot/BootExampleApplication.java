package dev.perfmon.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A Spring Boot application (MVC, JPA on H2 over HikariCP, a cache, actuator with Prometheus)
 * whose only perfmon wiring is {@code perfmon-spring-boot-starter} on the class path and one line
 * of {@code application.properties} exposing the {@code perfmon} endpoint. Run it from the IDE,
 * then {@code curl localhost:8080/actuator/perfmon}.
 */
@SpringBootApplication
@EnableCaching
public class BootExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(BootExampleApplication.class, args);
    }
}
