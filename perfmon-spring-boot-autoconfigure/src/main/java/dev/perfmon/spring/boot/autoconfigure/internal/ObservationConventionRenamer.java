package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.PerfMon;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

import java.lang.reflect.Modifier;

/**
 * Gives the application's own {@link ServerRequestObservationConvention} the observation name
 * whose meters perfmon denies, when that convention names its observation after the meter
 * perfmon writes ({@code http.server.requests}, the default of Spring's conventions). Everything
 * else still comes from the application's convention: the span's name, its tags, its contextual
 * name. Without it, Boot's meter handler would write {@code http.server.requests} a second time,
 * with the convention's tags. A convention under another name keeps it, and its meter.
 *
 * <p>The bean keeps its class where it can be subclassed; a failure leaves it as it was and is
 * counted under {@value #COMPONENT}.
 */
public final class ObservationConventionRenamer implements BeanPostProcessor {

    /** The component a failure to rename a convention is counted under. */
    public static final String COMPONENT = "spring-observation-convention";

    private final ObjectProvider<PerfMon> perfMon;
    private final String meterName;
    private final String observationName;

    /**
     * @param perfMon where a failure is counted, looked up when a convention is post-processed
     * @param meterName the meter perfmon writes ({@code http.server.requests})
     * @param observationName the name whose meters perfmon's meter filter denies
     */
    public ObservationConventionRenamer(ObjectProvider<PerfMon> perfMon, String meterName, String observationName) {
        this.perfMon = perfMon;
        this.meterName = meterName;
        this.observationName = observationName;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof ServerRequestObservationConvention convention) || bean instanceof Renamed) {
            return bean;
        }
        try {
            return meterName.equals(convention.getName()) ? renamed(convention) : bean;
        } catch (RuntimeException | LinkageError failure) {
            PerfMon owner = perfMon.getIfAvailable();
            if (owner != null) {
                owner.recordFailure(COMPONENT, failure);
            }
            return bean;
        }
    }

    private Object renamed(ServerRequestObservationConvention convention) {
        ProxyFactory factory = new ProxyFactory(convention);
        factory.setProxyTargetClass(!Modifier.isFinal(convention.getClass().getModifiers()));
        factory.addInterface(ServerRequestObservationConvention.class);
        factory.addInterface(Renamed.class);
        factory.addAdvice((MethodInterceptor) invocation -> "getName".equals(invocation.getMethod().getName())
                && invocation.getArguments().length == 0 ? observationName : invocation.proceed());
        return factory.getProxy(convention.getClass().getClassLoader());
    }

    /** Marks a convention this post-processor renamed. */
    public interface Renamed {
    }
}
