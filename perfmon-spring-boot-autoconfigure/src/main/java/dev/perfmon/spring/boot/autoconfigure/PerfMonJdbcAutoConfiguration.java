package dev.perfmon.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.spring.boot.autoconfigure.internal.DataSourceInstrumenter;
import dev.perfmon.spring.boot.autoconfigure.internal.JdbcConfigs;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Instruments every {@link DataSource} bean: SQL timing and statement counts per request, N+1
 * and duplicate-query findings with the application's call site (its packages default to Boot's
 * auto-configuration packages) and, through perfmon-jdbc's Hibernate integrator, the association
 * that caused them; HikariCP pools are watched for waits, holders and exhaustion episodes, with
 * HikariCP's own {@code hikaricp.connections.*} meters unchanged.
 */
@AutoConfiguration(after = PerfMonAutoConfiguration.class)
@ConditionalOnClass({PerfMonDataSource.class, DataSource.class})
@ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "jdbc.enabled", matchIfMissing = true)
@ConditionalOnBean(PerfMon.class)
public class PerfMonJdbcAutoConfiguration {

    /**
     * Static, so it exists before the DataSource beans it post-processes; everything it needs is
     * looked up when the first DataSource arrives.
     *
     * @return the post-processor decorating DataSource beans
     */
    @Bean
    @ConditionalOnMissingBean
    static DataSourceInstrumenter perfMonDataSourceInstrumenter(ObjectProvider<PerfMon> perfMon,
                                                                      ObjectProvider<PerfMonPoolMonitor> pools,
                                                                      ObjectProvider<NPlusOneConfig> nPlusOne,
                                                                      ObjectProvider<PerfMonProperties> settings) {
        return new DataSourceInstrumenter(perfMon, pools, nPlusOne,
                () -> settings.getObject().getJdbc().getSqlCacheSize());
    }

    /**
     * @return the N+1 detector's settings from {@code perfmon.jdbc.n-plus-one.*}; call sites are
     *     looked for first in the application's packages (the @SpringBootApplication's by default)
     */
    @Bean
    @ConditionalOnMissingBean
    public NPlusOneConfig perfMonNPlusOneConfig(PerfMonProperties settings, BeanFactory beanFactory) {
        return JdbcConfigs.nPlusOne(settings.getJdbc().getNPlusOne(), applicationPackages(beanFactory));
    }

    private static List<String> applicationPackages(BeanFactory beanFactory) {
        List<String> packages = new ArrayList<>();
        if (AutoConfigurationPackages.has(beanFactory)) {
            for (String name : AutoConfigurationPackages.get(beanFactory)) {
                if (!name.isBlank()) {
                    packages.add(name + ".");
                }
            }
        }
        return packages;
    }

    /** Watches HikariCP pools. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HikariDataSource.class)
    @ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "jdbc.pool.enabled", matchIfMissing = true)
    static class PoolConfiguration {

        /** @return the pool monitor from {@code perfmon.jdbc.pool.*}; closed with the PerfMon */
        @Bean
        @ConditionalOnMissingBean
        PerfMonPoolMonitor perfMonPoolMonitor(PerfMon perfMon, PerfMonProperties settings) {
            return JdbcConfigs.poolMonitor(perfMon, settings.getJdbc().getPool());
        }
    }
}
