package dev.perfmon.jdbc.orm;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.jdbc.DelegatingDataSource;
import dev.perfmon.jdbc.Databases;
import dev.perfmon.testsupport.TestDatabase;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import javax.sql.DataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The blog schema on one test database, built once per JVM: 8 users, 10 posts (post i by user
 * (i - 1) % 8 + 1), 3 comments per post (comment k of post i by user (i + k) % 8 + 1), so every
 * user authored comments; 6 accounts, each with its settings row. Two session factories share it: {@link #sessions} with Hibernate's
 * defaults and {@link #batchFetching()} with {@code hibernate.default_batch_fetch_size=4}.
 */
final class Blog {

    static final int USERS = 8;
    static final int POSTS = 10;
    static final int COMMENTS_PER_POST = 3;
    static final int ACCOUNTS = 6;

    private static final Map<String, Blog> BLOGS = new ConcurrentHashMap<>();
    /** Held so the level sticks: Hibernate's bootstrap INFO lines drown the test output. */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    static {
        HIBERNATE_LOG.setLevel(Level.WARNING);
    }

    final HikariDataSource pool;
    final DelegatingDataSource dataSource;
    final SessionFactory sessions;
    private volatile SessionFactory batchFetching;

    private Blog(TestDatabase db) {
        this.pool = Databases.pool(db);
        this.dataSource = new DelegatingDataSource(pool);
        this.sessions = build("create", null);
        seed();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    static Blog on(TestDatabase db) {
        return BLOGS.computeIfAbsent(db.name(), name -> new Blog(db));
    }

    /** Points both session factories at {@code target} (a decorator of {@link #pool}). */
    void use(DataSource target) {
        dataSource.target(target);
    }

    synchronized SessionFactory batchFetching() {
        if (batchFetching == null) {
            batchFetching = build("none", "4");
        }
        return batchFetching;
    }

    private SessionFactory build(String ddl, String defaultBatchFetchSize) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(User.class)
                .addAnnotatedClass(Post.class)
                .addAnnotatedClass(Comment.class)
                .addAnnotatedClass(Account.class)
                .addAnnotatedClass(AccountSettings.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, ddl);
        if (defaultBatchFetchSize != null) {
            configuration.setProperty(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, defaultBatchFetchSize);
        }
        return configuration.buildSessionFactory();
    }

    private void seed() {
        sessions.inTransaction(session -> {
            User[] users = new User[USERS + 1];
            for (int u = 1; u <= USERS; u++) {
                users[u] = new User(u, "user-" + u);
                session.persist(users[u]);
            }
            long commentId = 1;
            for (int p = 1; p <= POSTS; p++) {
                Post post = new Post(p, "post-" + p, users[(p - 1) % USERS + 1]);
                session.persist(post);
                for (int k = 1; k <= COMMENTS_PER_POST; k++) {
                    session.persist(new Comment(commentId++, "comment " + k + " on " + p, post,
                            users[(p + k) % USERS + 1]));
                }
            }
            for (int a = 1; a <= ACCOUNTS; a++) {
                Account account = new Account(a, "account-" + a);
                session.persist(account);
                session.persist(new AccountSettings(100 + a, a % 2 == 0 ? "dark" : "light", account));
            }
        });
    }

    private void close() {
        if (batchFetching != null) {
            batchFetching.close();
        }
        sessions.close();
    }
}
