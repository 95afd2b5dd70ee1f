package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** Runs the decorator and an N+1 loop; loaded by {@link HibernateOptionalTest} in a class loader without Hibernate. */
public final class NoHibernateProbe {

    private NoHibernateProbe() {
    }

    /** @return the number of N+1 findings of a five-lookup loop */
    public static int run() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:nohibernate;DB_CLOSE_DELAY=-1");
        try (PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
             NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon)) {
            PerfMonDataSource dataSource = PerfMonDataSource.wrap(h2, perfMon);
            try (RequestScope scope = perfMon.openScope("job:probe"); Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("create table if not exists probe (id int primary key)");
                }
                try (PreparedStatement p = c.prepareStatement("select * from probe where id = ?")) {
                    for (int id = 0; id < 5; id++) {
                        p.setInt(1, id);
                        p.executeQuery().close();
                    }
                }
            }
            return recorder.nPlusOnes().size();
        }
    }
}
