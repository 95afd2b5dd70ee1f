package dev.perfmon.testsupport;

import org.jspecify.annotations.Nullable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The kind of thread the tests run requests on. {@code -Dperfmon.test.threads=virtual} (set by the
 * build's {@code virtual-threads} profile) makes every test harness that asks here hand out virtual
 * threads: Jetty's request threads, the pool tests' borrowers, the cache tests' callers. Anything
 * else means platform threads. Virtual threads are reached by reflection because the code is
 * compiled for Java 17; asking for them on a JDK without them fails the test, it never falls back.
 */
public final class TestThreads {

    /** The system property naming the thread kind: {@code virtual} or {@code platform} (the default). */
    public static final String PROPERTY = "perfmon.test.threads";

    private TestThreads() {
    }

    /** @return whether this run puts requests on virtual threads */
    public static boolean virtual() {
        return "virtual".equals(System.getProperty(PROPERTY));
    }

    /**
     * @param platformThreads the size of the fixed pool used on platform threads
     * @return a new virtual thread per task when {@link #virtual()}, else a fixed pool of platform threads
     */
    public static ExecutorService executor(int platformThreads) {
        return virtual() ? newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(platformThreads);
    }

    /** @return a new virtual thread per task when {@link #virtual()}, else a cached pool of platform threads */
    public static ExecutorService cachedExecutor() {
        return virtual() ? newVirtualThreadPerTaskExecutor() : Executors.newCachedThreadPool();
    }

    /** @return {@code Executors.newVirtualThreadPerTaskExecutor()}; fails on a JDK before 21 */
    public static ExecutorService newVirtualThreadPerTaskExecutor() {
        return (ExecutorService) invoke(Executors.class, "newVirtualThreadPerTaskExecutor", null);
    }

    /** @return a new, unstarted virtual thread running {@code task}; fails on a JDK before 21 */
    public static Thread newVirtualThread(Runnable task) {
        Object builder = invoke(Thread.class, "ofVirtual", null);
        try {
            Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
            return (Thread) unstarted.invoke(builder, task);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual thread", e);
        }
    }

    /** @return whether {@code thread} is virtual ({@code false} on a JDK without virtual threads) */
    public static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Class<?> owner, String method, @Nullable Object target) {
        try {
            return owner.getMethod(method).invoke(target);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(PROPERTY + "=virtual needs JDK 21 or later; this is "
                    + System.getProperty("java.version") + " (set JAVA_HOME to a newer JDK)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
