package dev.perfmon.servlet;

import dev.perfmon.core.internal.VirtualThreads;
import dev.perfmon.servlet.internal.PathTemplates;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Container threads outlive a web application. Whatever perfmon leaves in their thread-locals
 * must not keep the application's class loader alive after an undeploy (Tomcat's leak detector
 * reports exactly that), so those values may only be JDK types.
 */
class RedeployLeakTest {

    @Test
    void aThreadThatTemplatedRoutesDoesNotKeepTheWebappClassLoaderAlive() throws Exception {
        // The request thread here is this test's thread, which, like a container thread, lives on.
        WeakReference<ClassLoader> webapp = deployTemplateAndUndeploy();
        for (int i = 0; i < 50 && webapp.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(webapp.get()).as("the undeployed application's class loader, after garbage collection").isNull();
    }

    /**
     * Loads perfmon-servlet and perfmon-core in their own class loader, as a web application's
     * libraries, templates paths on this thread, and drops it.
     */
    private static WeakReference<ClassLoader> deployTemplateAndUndeploy() throws Exception {
        URL servlet = PathTemplates.class.getProtectionDomain().getCodeSource().getLocation();
        URL core = VirtualThreads.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader("undeployed-webapp", new URL[] {servlet, core},
                ClassLoader.getPlatformClassLoader());
        Class<?> templates = loader.loadClass(PathTemplates.class.getName());
        assertThat(templates.getClassLoader()).isSameAs(loader);
        Method template = templates.getMethod("template", String.class);
        // Paths with id-like segments and with a lone trailing slash: both assemble in the buffer.
        assertThat(template.invoke(null, "/posts/42/comments")).isEqualTo("/posts/{id}/comments");
        assertThat(template.invoke(null, "/posts/")).isEqualTo("/posts");
        loader.close();
        return new WeakReference<>(loader);
    }
}
