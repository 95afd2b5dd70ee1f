package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.spring.cache.PerfMonCacheManager;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;

import java.util.function.BooleanSupplier;

/**
 * Decorates every {@link CacheManager} bean once with {@link PerfMonCacheManager}, keeping the
 * bean's class: a class-based proxy sends {@code getCache} to the decorating manager (which
 * hands out perfmon's {@code InstrumentedCache} around the bean's own cache) and every other
 * method to the bean, so anything injecting {@code RedisCacheManager} or
 * {@code CaffeineCacheManager} still gets one. Boot's cache meter binders recognise only their
 * own cache types, so they bind none of the decorated caches: {@code cache.gets} and the other
 * cache meters have one writer, perfmon. A bean that cannot be proxied (a final class) is left
 * as it was, the failure counted under {@value #COMPONENT}: the application always starts.
 */
public final class CacheManagerInstrumenter extends LastDecorator<CacheManager> {

    /** The component a failure to decorate a CacheManager bean is counted under. */
    public static final String COMPONENT = "spring-cache-manager";

    private final BooleanSupplier singleFlight;

    /**
     * @param perfMon looked up when the first CacheManager is post-processed, not before
     * @param singleFlight {@code perfmon.cache.single-flight}
     */
    public CacheManagerInstrumenter(ObjectProvider<PerfMon> perfMon, BooleanSupplier singleFlight) {
        super(CacheManager.class, perfMon, COMPONENT);
        this.singleFlight = singleFlight;
    }

    /** @return whether the manager is perfmon's, or a bean this post-processor already decorated */
    public static boolean isDecorated(CacheManager manager) {
        return manager instanceof PerfMonCacheManager || manager instanceof Decorated;
    }

    @Override
    boolean alreadyDecorated(CacheManager manager) {
        return isDecorated(manager);
    }

    @Override
    Object decorate(CacheManager manager, PerfMon owner) {
        PerfMonCacheManager decorating = PerfMonCacheManager.builder(manager, owner)
                .singleFlight(singleFlight.getAsBoolean())
                .build();
        ProxyFactory factory = new ProxyFactory(manager);
        factory.setProxyTargetClass(true);
        factory.addInterface(Decorated.class);
        factory.addAdvice((MethodInterceptor) invocation -> switch (invocation.getMethod().getName()) {
            case "getCache" -> invocation.getArguments().length == 1
                    && invocation.getArguments()[0] instanceof String name
                    ? decorating.getCache(name) : invocation.proceed();
            case "perfMonCacheManager" -> decorating;
            default -> invocation.proceed();
        });
        return factory.getProxy(manager.getClass().getClassLoader());
    }

    /** Marks a decorated bean; gives the decorating manager. */
    public interface Decorated {

        /** @return the manager handing out the instrumented caches */
        PerfMonCacheManager perfMonCacheManager();
    }
}
