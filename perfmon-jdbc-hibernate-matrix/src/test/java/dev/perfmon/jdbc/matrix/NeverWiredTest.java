package dev.perfmon.jdbc.matrix;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.jdbc.hibernate.HibernateNPlusOne;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that has perfmon-jdbc on its class path but never wires it (Hibernate over a
 * plain HikariCP pool, no PerfMon anywhere): perfmon logs nothing, at any level, and throws
 * nothing, through bootstrap, lazy and eager loads and shutdown.
 */
class NeverWiredTest {

    @Test
    void perfmonOnTheClassPathButNeverWiredLogsNothingAndThrowsNothing() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger perfmonLog = Logger.getLogger("dev.perfmon");
        Level previous = perfmonLog.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        perfmonLog.setLevel(Level.ALL);
        perfmonLog.addHandler(capture);
        try (HikariDataSource pool = MatrixDatabase.pool("matrix-unwired")) {
            SessionFactory sessions = MatrixDatabase.sessionFactory(pool);
            try (Session session = sessions.openSession()) {
                int loaded = 0;
                for (Post post : session.createQuery("select p from Post p order by p.id", Post.class).getResultList()) {
                    loaded += post.getComments().size();
                    loaded += post.getAuthor().getName().isEmpty() ? 0 : 1;
                }
                loaded += session.createQuery("select c from Comment c", Comment.class).getResultList().size();
                loaded += session.find(Author.class, 1L) == null ? 0 : 1;
                int comments = MatrixDatabase.POSTS * MatrixDatabase.COMMENTS_PER_POST;
                assertThat(loaded).isEqualTo(comments + MatrixDatabase.POSTS + comments + 1);
            }
            assertThat(HibernateNPlusOne.isRegistered(sessions)).isTrue();
            sessions.close();
        } finally {
            perfmonLog.removeHandler(capture);
            perfmonLog.setLevel(previous);
        }
        assertThat(records).extracting(LogRecord::getMessage).isEmpty();
    }
}
