package dev.perfmon.core;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * io.micrometer:context-propagation is an optional dependency: an application without it on
 * its classpath must still build a PerfMon and use scopes. The test loads perfmon-core and
 * Micrometer in a class loader whose classpath lacks that library.
 */
class WithoutContextPropagationTest {

    @Test
    void perfMonBuildsAndScopesWorkWhenContextPropagationIsAbsent() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("context-propagation")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("io/micrometer/context/ContextRegistry.class")).as("library hidden").isNull();

            Class<?> registryType = loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
            Object registry = loader.loadClass("io.micrometer.core.instrument.simple.SimpleMeterRegistry")
                    .getConstructor().newInstance();
            Class<?> perfMonType = loader.loadClass(PerfMon.class.getName());
            Object builder = perfMonType.getMethod("builder", registryType).invoke(null, registry);
            Object perfMon = builder.getClass().getMethod("build").invoke(builder);
            try {
                Object scope = perfMonType.getMethod("openScope", String.class).invoke(perfMon, "job:import");
                Class<?> scopeType = scope.getClass();
                assertThat(perfMonType.getMethod("currentScope").invoke(perfMon)).isSameAs(scope);
                Runnable wrapped = (Runnable) scopeType.getMethod("wrap", Runnable.class).invoke(scope, (Runnable) () -> { });
                wrapped.run();
                scopeType.getMethod("close").invoke(scope);
                assertThat(perfMonType.getMethod("currentScope").invoke(perfMon)).isNull();
                Method failures = perfMonType.getMethod("failureCount", String.class);
                assertThat(failures.invoke(perfMon, "context-propagation")).isEqualTo(0L);
            } finally {
                perfMonType.getMethod("close").invoke(perfMon);
            }
        }
    }
}
