package dev.perfmon.test.internal;

import dev.perfmon.core.PerfMon;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The {@link PerfMon} bean of a SpringExtension test's ApplicationContext. Loaded only once
 * {@link #available()} said spring-test is on the class path, so no Spring class is touched
 * without it.
 */
public final class SpringContexts {

    private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

    private SpringContexts() {
    }

    /** @return whether spring-test's SpringExtension can be loaded */
    public static boolean available() {
        try {
            Class.forName(SPRING_EXTENSION, false, SpringContexts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /**
     * @return whether the test class, or a class enclosing it, is extended with SpringExtension,
     *     directly or through a composed annotation ({@code @SpringJUnitConfig}, {@code @SpringBootTest})
     */
    public static boolean usesSpringExtension(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class)) {
                for (Class<?> extension : extendWith.value()) {
                    if (extension == SpringExtension.class) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** @return the single {@link PerfMon} bean of the test's context (loaded by Spring's test context cache) */
    public static PerfMon perfMon(ExtensionContext context) {
        ApplicationContext applicationContext = SpringExtension.getApplicationContext(context);
        return applicationContext.getBean(PerfMon.class);
    }
}
