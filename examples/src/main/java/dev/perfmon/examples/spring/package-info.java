/**
 * The documented Spring Boot wiring of perfmon ({@link dev.perfmon.examples.spring.PerfMonSpringConfiguration}),
 * compiled with the build so it cannot rot; Spring is a provided dependency and not part of the demo jar.
 */
package dev.perfmon.examples.spring;
