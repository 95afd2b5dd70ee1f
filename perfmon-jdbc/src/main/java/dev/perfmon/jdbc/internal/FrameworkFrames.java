package dev.perfmon.jdbc.internal;

/**
 * The maintained list of frames that belong to the JDK, frameworks, libraries and perfmon rather
 * than to an application: what {@link CallSites} skips when it looks for the code that issued a
 * statement. Spring is listed by its framework packages one by one, never as every
 * {@code org.springframework.} class, so an application under {@code org.springframework.samples}
 * is still an application.
 */
final class FrameworkFrames {

    /** Class-name prefixes of framework code. */
    static final String[] PACKAGES = {
        // the JDK and language runtimes
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.", "kotlinx.", "scala.", "groovy.",
        "org.codehaus.groovy.",
        // perfmon itself (its public decorator is matched exactly, so code in dev.perfmon.jdbc counts)
        "dev.perfmon.core.", "dev.perfmon.jdbc.internal.", "dev.perfmon.jdbc.hibernate.", "dev.perfmon.jdbc.pool.",
        "dev.perfmon.servlet.", "dev.perfmon.redis.", "dev.perfmon.spring.", "dev.perfmon.test.",
        // pools, proxies, spies and metrics
        "com.zaxxer.hikari.", "org.apache.tomcat.jdbc.", "org.apache.commons.dbcp", "org.apache.commons.pool",
        "com.mchange.", "io.agroal.", "oracle.ucp.", "net.ttddyy.", "com.p6spy.", "io.micrometer.",
        "io.opentelemetry.",
        // JDBC drivers
        "org.h2.", "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.jdbc.", "com.microsoft.sqlserver.",
        "org.sqlite.", "org.hsqldb.", "org.apache.derby.", "com.ibm.db2.", "org.firebirdsql.",
        // ORMs and data-access libraries
        "org.hibernate.", "org.eclipse.persistence.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.", "org.jdbi.",
        // Spring's framework packages (not org.springframework.samples or an application's own)
        "org.springframework.aop.", "org.springframework.aot.", "org.springframework.beans.",
        "org.springframework.boot.", "org.springframework.cache.", "org.springframework.cglib.",
        "org.springframework.context.", "org.springframework.core.", "org.springframework.dao.",
        "org.springframework.data.", "org.springframework.expression.", "org.springframework.format.",
        "org.springframework.http.", "org.springframework.instrument.", "org.springframework.jdbc.",
        "org.springframework.jms.", "org.springframework.jndi.", "org.springframework.lang.",
        "org.springframework.messaging.", "org.springframework.objenesis.", "org.springframework.orm.",
        "org.springframework.r2dbc.", "org.springframework.scheduling.", "org.springframework.scripting.",
        "org.springframework.security.", "org.springframework.session.", "org.springframework.stereotype.",
        "org.springframework.test.", "org.springframework.transaction.", "org.springframework.ui.",
        "org.springframework.util.", "org.springframework.validation.", "org.springframework.web.",
        "org.springframework.retry.", "org.springframework.integration.", "org.springframework.batch.",
        "org.springframework.kafka.", "org.springframework.amqp.", "org.springframework.graphql.",
        "org.springframework.hateoas.", "org.springframework.cloud.", "org.springframework.ws.",
        "org.springframework.oxm.", "org.springframework.modulith.", "org.springframework.restdocs.",
        // servlet containers, their filters and other servers
        "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.", "org.apache.naming.",
        "org.eclipse.jetty.", "io.undertow.", "org.jboss.", "org.wildfly.", "org.glassfish.", "io.netty.",
        "reactor.", "io.reactivex.", "io.quarkus.", "io.micronaut.", "io.vertx.", "io.helidon.",
        // template engines
        "org.thymeleaf.", "freemarker.", "com.samskivert.mustache.", "com.github.mustachejava.",
        "org.apache.velocity.", "gg.jte.", "io.pebbletemplates.", "com.mitchellbosecke.pebble.",
        // JSON and serialization
        "com.fasterxml.", "tools.jackson.", "com.google.gson.", "org.yaml.snakeyaml.",
        // bytecode, AOP, injection, resilience, logging
        "net.bytebuddy.", "org.aspectj.", "org.objenesis.", "javassist.", "com.google.inject.", "com.google.common.",
        "dagger.", "io.github.resilience4j.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.",
        "org.apache.commons.logging.",
        // test runners and mocks
        "org.junit.", "org.testng.", "org.apache.maven.surefire.", "org.gradle.", "org.mockito.", "org.assertj.",
        "org.opentest4j.",
    };

    /** Markers of generated classes named after application classes: proxies, CGLIB, ByteBuddy. */
    static final String[] GENERATED = {
        "$$", "$Proxy", "$HibernateProxy", "$ByteBuddy$", "$MockitoMock$", "jdk.proxy",
    };

    /** The public decorator, matched exactly (with its nested classes). */
    private static final String DECORATOR = "dev.perfmon.jdbc.PerfMonDataSource";

    private FrameworkFrames() {
    }

    /** @return whether {@code className} is a generated class (proxy, CGLIB subclass, ByteBuddy type) */
    static boolean isGenerated(String className) {
        for (String marker : GENERATED) {
            if (className.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code className} belongs to a listed framework, library or perfmon */
    static boolean isFramework(String className) {
        for (String prefix : PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return className.startsWith(DECORATOR)
                && (className.length() == DECORATOR.length() || className.charAt(DECORATOR.length()) == '$');
    }
}
