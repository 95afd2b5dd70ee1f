package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.PerfMon;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Decorates each bean of one type once, after every other post-processor has replaced or wrapped
 * it. The {@link PerfMon} is looked up at the first such bean, not before; a bean that cannot be
 * decorated is left as it was, the failure counted under the decorator's component and logged
 * once, so the application always starts.
 *
 * @param <T> the type of bean decorated
 */
abstract class LastDecorator<T> implements BeanPostProcessor, Ordered {

    private final Class<T> type;
    private final ObjectProvider<PerfMon> perfMon;
    private final String component;

    LastDecorator(Class<T> type, ObjectProvider<PerfMon> perfMon, String component) {
        this.type = type;
        this.perfMon = perfMon;
        this.component = component;
    }

    @Override
    public final Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!type.isInstance(bean) || alreadyDecorated(type.cast(bean))) {
            return bean;
        }
        PerfMon owner = perfMon.getIfAvailable();
        if (owner == null) {
            return bean;
        }
        try {
            return decorate(type.cast(bean), owner);
        } catch (RuntimeException | LinkageError failure) {
            owner.recordFailure(component, failure);
            return bean;
        }
    }

    /** @return whether {@code bean} is perfmon's already, so it is not decorated twice */
    abstract boolean alreadyDecorated(T bean);

    /** @return the bean to register in place of {@code bean} */
    abstract Object decorate(T bean, PerfMon owner);

    @Override
    public final int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
