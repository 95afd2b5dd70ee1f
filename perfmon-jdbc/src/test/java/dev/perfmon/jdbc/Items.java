package dev.perfmon.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.testsupport.TestDatabase;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A table of 20 items ({@code nplus_items}: id 1..20, name item-N, price N * 10) per test database. */
final class Items {

    static final int COUNT = 20;
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private Items() {
    }

    /** @return the shared pool of {@code db}, with the items table in place */
    static synchronized HikariDataSource pool(TestDatabase db) {
        HikariDataSource pool = Databases.pool(db);
        if (CREATED.add(db.name())) {
            StringBuilder insert = new StringBuilder("insert into nplus_items (id, name, price) values ");
            for (int i = 1; i <= COUNT; i++) {
                insert.append(i == 1 ? "" : ", ").append('(').append(i).append(", 'item-").append(i).append("', ")
                        .append(i * 10).append(')');
            }
            Databases.execute(db,
                    "drop table if exists nplus_items",
                    "create table nplus_items (id int primary key, name varchar(50) not null, price int not null)",
                    insert.toString(),
                    "drop table if exists nplus_scratch",
                    "create table nplus_scratch (id int primary key, note varchar(50))");
        }
        return pool;
    }
}
