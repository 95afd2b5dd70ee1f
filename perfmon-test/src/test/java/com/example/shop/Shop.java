package com.example.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small shop database (4 orders of 2 items each, and baskets tests fill) on a real HikariCP pool, one per test
 * database, decorated for {@link #PERF_MON} with strict N+1 rules, as a test suite would.
 * On PostgreSQL the tables live in a schema of their own, dropped when the JVM exits.
 */
public final class Shop {

    /** The instance the fixtures' data sources and servlet filters report to. */
    public static final PerfMon PERF_MON = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();

    private static final Map<String, Shop> SHOPS = new ConcurrentHashMap<>();
    private static volatile Shop current;

    private final HikariDataSource pool;
    private final PerfMonDataSource dataSource;

    private Shop(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName("shop-" + db.name());
        config.setMaximumPoolSize(4);
        if (db.isPostgres()) {
            String schema = "shop_" + ProcessHandle.current().pid() + "_"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
            run(db, "create schema " + schema);
            config.setSchema(schema);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run(db, "drop schema if exists " + schema + " cascade")));
        }
        pool = new HikariDataSource(config);
        StringBuilder items = new StringBuilder("insert into shop_items (id, order_id, name) values ");
        for (int order = 1; order <= 4; order++) {
            for (int item = 1; item <= 2; item++) {
                int id = order * 10 + item;
                items.append(id == 11 ? "" : ", ").append('(').append(id).append(", ").append(order)
                        .append(", 'item-").append(id).append("')");
            }
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table shop_orders (id int primary key, customer varchar(40) not null)");
            s.execute("create table shop_items (id int primary key, order_id int not null, name varchar(40) not null)");
            s.execute("insert into shop_orders (id, customer) values (1, 'ada'), (2, 'bob'), (3, 'cy'), (4, 'di')");
            s.execute(items.toString());
            s.execute("create table shop_baskets (id int primary key, customer varchar(40) not null)");
            s.execute("create table shop_basket_items (id int primary key, basket_id int not null, name varchar(40) not null)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the shop tables on " + db.name(), e);
        }
        dataSource = PerfMonDataSource.builder(pool, PERF_MON).name("shop").nPlusOne(NPlusOneConfig.strict()).build();
    }

    private static void run(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** @return the shop on {@code db}'s kind of database, created on first use */
    public static Shop on(TestDatabase db) {
        return SHOPS.computeIfAbsent(db.name(), name -> new Shop(db));
    }

    /** Makes the fixtures use the shop on {@code db}. */
    public static void use(TestDatabase db) {
        current = on(db);
    }

    /** @return the shop the fixtures use: the last one {@link #use(TestDatabase) chosen}, H2 by default */
    public static Shop current() {
        Shop shop = current;
        return shop != null ? shop : on(TestDatabase.h2());
    }

    /** @return the pool, undecorated */
    public HikariDataSource pool() {
        return pool;
    }

    /** @return the decorated data source the application uses */
    public PerfMonDataSource dataSource() {
        return dataSource;
    }

    /** @return the repository over {@link #dataSource()} */
    public OrderRepository orders() {
        return new OrderRepository(dataSource);
    }
}
