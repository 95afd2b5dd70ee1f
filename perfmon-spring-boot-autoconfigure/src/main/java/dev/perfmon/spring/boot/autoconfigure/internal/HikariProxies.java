package dev.perfmon.spring.boot.autoconfigure.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;

import javax.sql.DataSource;

/**
 * Keeps a {@link HikariDataSource} bean a {@code HikariDataSource} while its connections go
 * through perfmon: a class-based proxy sends {@link DataSource}'s connection and wrapper methods
 * to the {@link PerfMonDataSource} and every other method (configuration, the pool MXBean,
 * {@code close}) to the pool itself. Only loaded when HikariCP is on the class path.
 */
final class HikariProxies {

    private HikariProxies() {
    }

    static boolean isHikari(DataSource dataSource) {
        return dataSource instanceof HikariDataSource;
    }

    /** Watches the pool the DataSource is or wraps, if any. */
    static void monitorPool(PerfMonPoolMonitor monitor, DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            monitor.monitor(hikari);
            return;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                monitor.monitor(dataSource.unwrap(HikariDataSource.class));
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            // A wrapper that cannot answer keeps its pool unwatched; its SQL is still timed.
        }
    }

    static Object decorate(DataSource pool, PerfMonDataSource decorated) {
        ProxyFactory factory = new ProxyFactory(pool);
        factory.setProxyTargetClass(true);
        factory.addAdvice((MethodInterceptor) invocation -> {
            Object[] args = invocation.getArguments();
            switch (invocation.getMethod().getName()) {
                case "getConnection":
                    return args.length == 0 ? decorated.getConnection()
                            : decorated.getConnection((String) args[0], (String) args[1]);
                case "createConnectionBuilder":
                    return decorated.createConnectionBuilder();
                case "unwrap":
                    return decorated.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return decorated.isWrapperFor((Class<?>) args[0]);
                default:
                    return invocation.proceed();
            }
        });
        return factory.getProxy(pool.getClass().getClassLoader());
    }
}
