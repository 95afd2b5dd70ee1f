/**
 * A Spring Boot application instrumented by {@code perfmon-spring-boot-starter} alone: routes timed
 * once under their templates, the N+1 of {@code GET /posts} named with {@code Post.comments} and
 * the controller, HikariCP's meters, cache hits and misses, the report at {@code /actuator/perfmon}.
 */
package dev.perfmon.examples.boot;
