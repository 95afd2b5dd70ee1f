package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Decorates every {@link DataSource} bean once, before anything borrows from it: HikariCP pools,
 * also those behind a wrapper, are put under the pool monitor first (its tracker factory also feeds HikariCP's own
 * {@code hikaricp.connections.*} meters into the registry, so Boot's binder, which only binds
 * pools without metrics, finds them already measured), then the bean is decorated with
 * {@link PerfMonDataSource}. A {@code HikariDataSource} stays one (a class-based proxy,
 * {@link HikariProxies}), for Boot's pool metadata, health and anything injecting the type.
 * A bean already decorated (it answers {@code isWrapperFor(PerfMonDataSource.class)}) is left
 * as it is. A bean that cannot be decorated (a pool class that cannot be proxied) is left as it
 * was, the failure counted under {@value #COMPONENT}: the application always starts.
 */
public final class DataSourceInstrumenter extends LastDecorator<DataSource> {

    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

    /** The component a failure to decorate a DataSource bean is counted under. */
    public static final String COMPONENT = "spring-datasource";

    private final ObjectProvider<PerfMonPoolMonitor> pools;
    private final ObjectProvider<NPlusOneConfig> nPlusOne;
    private final Supplier<Integer> sqlCacheSize;
    private final boolean hikariPresent;

    /**
     * @param perfMon looked up when the first DataSource is post-processed, not before
     * @param pools the pool monitor, if any
     * @param nPlusOne the detector's settings
     * @param sqlCacheSize {@code perfmon.jdbc.sql-cache-size}
     */
    public DataSourceInstrumenter(ObjectProvider<PerfMon> perfMon, ObjectProvider<PerfMonPoolMonitor> pools,
                                  ObjectProvider<NPlusOneConfig> nPlusOne, Supplier<Integer> sqlCacheSize) {
        super(DataSource.class, perfMon, COMPONENT);
        this.pools = pools;
        this.nPlusOne = nPlusOne;
        this.sqlCacheSize = sqlCacheSize;
        this.hikariPresent = ClassUtils.isPresent(HIKARI, DataSourceInstrumenter.class.getClassLoader());
    }

    @Override
    Object decorate(DataSource dataSource, PerfMon owner) {
        if (hikariPresent) {
            PerfMonPoolMonitor monitor = pools.getIfAvailable();
            if (monitor != null) {
                // A pool behind a wrapper (LazyConnectionDataSourceProxy...) is watched too; a pool
                // that is also a bean of its own is watched once (the monitor knows its pools).
                HikariProxies.monitorPool(monitor, dataSource);
            }
        }
        PerfMonDataSource decorated = PerfMonDataSource.builder(dataSource, owner)
                .nPlusOne(nPlusOne.getIfAvailable(NPlusOneConfig::defaults))
                .sqlCacheSize(sqlCacheSize.get())
                .build();
        if (hikariPresent && HikariProxies.isHikari(dataSource)) {
            return HikariProxies.decorate(dataSource, decorated);
        }
        return decorated;
    }

    @Override
    boolean alreadyDecorated(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(PerfMonDataSource.class);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
