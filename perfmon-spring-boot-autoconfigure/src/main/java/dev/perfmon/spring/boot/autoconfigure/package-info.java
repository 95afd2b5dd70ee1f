/**
 * Spring Boot auto-configuration of perfmon: {@code PerfMon} over Boot's registry, the request
 * filter, the DataSource/HikariCP/Hibernate instrumentation and the {@code perfmon} actuator
 * endpoint, configured by {@code perfmon.*} properties ({@link dev.perfmon.spring.boot.autoconfigure.PerfMonProperties}).
 * Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
