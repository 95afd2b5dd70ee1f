package dev.perfmon.jdbc.internal;

import java.util.List;

/**
 * Finds the application frame that issued a statement: the first frame, from the top of the
 * stack, that belongs to none of the JDK, JDBC drivers, pools, ORMs, frameworks or perfmon
 * itself. Uses {@link StackWalker} lazily, stopping at the first match, and is only asked once a
 * fingerprint repeats within a scope.
 */
final class CallSites {

    /** Returned when every frame belongs to infrastructure. */
    static final String UNKNOWN = "unknown";

    private static final StackWalker WALKER = StackWalker.getInstance();

    private static final String[] INFRASTRUCTURE = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.", "kotlinx.", "scala.", "groovy.",
        "org.codehaus.groovy.",
        // perfmon itself (its public decorator is matched exactly below, so tests in dev.perfmon.jdbc count)
        "dev.perfmon.core.", "dev.perfmon.jdbc.internal.", "dev.perfmon.jdbc.hibernate.", "dev.perfmon.jdbc.pool.",
        "dev.perfmon.servlet.", "dev.perfmon.redis.",
        // pools, proxies and spies
        "com.zaxxer.hikari.", "org.apache.tomcat.jdbc.", "org.apache.commons.dbcp", "com.mchange.", "io.agroal.",
        "oracle.ucp.", "net.ttddyy.", "com.p6spy.", "io.micrometer.", "io.opentelemetry.",
        // drivers
        "org.h2.", "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.jdbc.", "com.microsoft.sqlserver.",
        "org.sqlite.", "org.hsqldb.", "org.apache.derby.", "com.ibm.db2.", "org.firebirdsql.",
        // data-access frameworks and containers
        "org.hibernate.", "org.eclipse.persistence.", "org.springframework.", "org.jooq.", "org.apache.ibatis.",
        "org.mybatis.", "org.jdbi.", "io.quarkus.", "io.micronaut.", "org.jboss.", "io.undertow.",
        "org.eclipse.jetty.", "org.apache.catalina.", "org.apache.coyote.", "io.netty.", "reactor.",
        "io.reactivex.", "com.fasterxml.", "net.bytebuddy.", "org.aspectj.", "com.google.inject.",
    };

    /** Generated subclasses named after application classes. */
    private static final String[] GENERATED = {
        "$HibernateProxy", "$$SpringCGLIB$$", "$$EnhancerBySpringCGLIB$$", "$ByteBuddy$", "$$_javassist",
        "$$_jvst", "$MockitoMock$",
    };

    private static final String DECORATOR = "dev.perfmon.jdbc.PerfMonDataSource";

    private final String[] extra;

    CallSites(List<String> ignoredFrames) {
        this.extra = ignoredFrames.toArray(new String[0]);
    }

    /** @return {@code Class.method(File.java:42)} of the application frame, or {@link #UNKNOWN} */
    String find() {
        return WALKER.walk(frames -> frames
                .filter(frame -> !isInfrastructure(frame.getClassName()))
                .findFirst()
                .map(CallSites::format)
                .orElse(UNKNOWN));
    }

    boolean isInfrastructure(String className) {
        for (String prefix : INFRASTRUCTURE) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : extra) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (String marker : GENERATED) {
            if (className.contains(marker)) {
                return true;
            }
        }
        return className.startsWith(DECORATOR)
                && (className.length() == DECORATOR.length() || className.charAt(DECORATOR.length()) == '$');
    }

    private static String format(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        return frame.getClassName() + '.' + frame.getMethodName()
                + (file == null ? "(Unknown Source)" : "(" + file + (line >= 0 ? ":" + line : "") + ")");
    }
}
