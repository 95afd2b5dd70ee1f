package dev.perfmon.jdbc.matrix;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A HikariCP pool over an in-memory H2 database, and the model on it: 6 authors, 6 posts (post
 * i by author i), 2 comments per post (comment k of post i by author (i + k) % 6 + 1), 5 accounts
 * with a settings row each.
 */
final class MatrixDatabase {

    static final int AUTHORS = 6;
    static final int POSTS = 6;
    static final int COMMENTS_PER_POST = 2;
    static final int ACCOUNTS = 5;

    /** Held so the level sticks: Hibernate's bootstrap INFO lines drown the test output. */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    static {
        HIBERNATE_LOG.setLevel(Level.WARNING);
    }

    private MatrixDatabase() {
    }

    static HikariDataSource pool(String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        config.setPoolName(name);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** @return a session factory over {@code dataSource} that created and seeded the schema */
    static SessionFactory sessionFactory(DataSource dataSource) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Author.class)
                .addAnnotatedClass(Post.class)
                .addAnnotatedClass(Comment.class)
                .addAnnotatedClass(Account.class)
                .addAnnotatedClass(AccountSettings.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create");
        SessionFactory factory = configuration.buildSessionFactory();
        try (Session session = factory.openSession()) {
            Transaction tx = session.beginTransaction();
            Author[] authors = new Author[AUTHORS + 1];
            for (int a = 1; a <= AUTHORS; a++) {
                authors[a] = new Author(a, "author-" + a);
                session.persist(authors[a]);
            }
            long commentId = 1;
            for (int p = 1; p <= POSTS; p++) {
                Post post = new Post(p, authors[p]);
                session.persist(post);
                for (int k = 1; k <= COMMENTS_PER_POST; k++) {
                    session.persist(new Comment(commentId++, post, authors[(p + k) % AUTHORS + 1]));
                }
            }
            for (int a = 1; a <= ACCOUNTS; a++) {
                Account account = new Account(a);
                session.persist(account);
                session.persist(new AccountSettings(10 + a, "theme-" + a, account));
            }
            tx.commit();
        }
        return factory;
    }
}
