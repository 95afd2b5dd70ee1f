package dev.perfmon.jdbc;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hibernate is an optional dependency: the decorator and the detector run without it on the class path. */
class HibernateOptionalTest {

    @Test
    void decoratorAndDetectorWorkInAClassLoaderWithoutHibernate() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.contains("hibernate") && !entry.contains("jakarta.persistence") && !entry.contains("byte-buddy")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader withoutHibernate = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("org.hibernate.Session", false, withoutHibernate))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probe = Class.forName(NoHibernateProbe.class.getName(), true, withoutHibernate);
            assertThat(probe.getClassLoader()).isSameAs(withoutHibernate);
            assertThat(probe.getMethod("run").invoke(null)).isEqualTo(1);
        }
    }
}
