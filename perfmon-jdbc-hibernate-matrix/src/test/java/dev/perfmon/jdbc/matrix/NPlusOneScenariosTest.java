package dev.perfmon.jdbc.matrix;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.NPlusOneDetected;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.hibernate.HibernateNPlusOne;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The N+1 scenarios of a real Hibernate application on HikariCP over H2, run by every child of
 * this module against its own Hibernate line and the perfmon-jdbc jar of the build: each asserts
 * the statements that ran, the finding and the association it names, or that there is none.
 */
class NPlusOneScenariosTest {

    private static HikariDataSource pool;
    private static PerfMon perfMon;
    private static SessionFactory sessions;
    private NPlusOneRecorder recorder;

    @BeforeAll
    static void start() {
        pool = MatrixDatabase.pool("matrix-wired");
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        sessions = MatrixDatabase.sessionFactory(PerfMonDataSource.builder(pool, perfMon).name("main")
                .nPlusOne(NPlusOneConfig.strict()).build());
    }

    @AfterAll
    static void stop() {
        sessions.close();
        perfMon.close();
        pool.close();
    }

    @AfterEach
    void detach() {
        if (recorder != null) {
            recorder.close();
        }
    }

    @Test
    void theHibernateOfThisLineIsInUseAndSupported() {
        assertThat(Version.getVersionString()).isEqualTo(System.getProperty("matrix.hibernate.version"));
        assertThat(HibernateNPlusOne.isSupported()).isTrue();
        assertThat(HibernateNPlusOne.isRegistered(sessions)).isTrue();
    }

    @Test
    void lazyCollectionLoopIsAnNPlusOneNamingPostComments() {
        long statements = run("GET /posts", session -> {
            int comments = 0;
            for (Post post : session.createQuery("select p from Post p order by p.id", Post.class).getResultList()) {
                comments += post.getComments().size();
            }
            assertThat(comments).isEqualTo(MatrixDatabase.POSTS * MatrixDatabase.COMMENTS_PER_POST);
        });

        assertThat(statements).isEqualTo(1 + MatrixDatabase.POSTS);
        NPlusOneDetected finding = single();
        assertThat(finding.count()).isEqualTo(MatrixDatabase.POSTS);
        assertThat(finding.association()).isEqualTo("Post.comments");
        assertThat(finding.suggestion()).startsWith("join fetch Post.comments");
    }

    @Test
    void lazyToOneLoopIsAnNPlusOneNamingPostAuthorNotTheEagerCommentAuthor() {
        long statements = run("GET /posts/authors", session -> {
            for (Post post : session.createQuery("select p from Post p order by p.id", Post.class).getResultList()) {
                assertThat(post.getAuthor().getName()).startsWith("author-");
            }
        });

        assertThat(statements).isEqualTo(1 + MatrixDatabase.AUTHORS);
        NPlusOneDetected finding = single();
        assertThat(finding.count()).isEqualTo(MatrixDatabase.AUTHORS);
        assertThat(finding.association()).isEqualTo("Post.author");
        assertThat(finding.suggestion()).startsWith("join fetch Post.author, an entity graph");
    }

    @Test
    void eagerToOneTheQueryDoesNotFetchIsAnNPlusOneNamingCommentAuthor() {
        long statements = run("GET /comments", session -> {
            List<Comment> comments = session.createQuery("select c from Comment c order by c.id", Comment.class)
                    .getResultList();
            assertThat(comments).hasSize(MatrixDatabase.POSTS * MatrixDatabase.COMMENTS_PER_POST);
        });

        assertThat(statements).isEqualTo(1 + MatrixDatabase.AUTHORS);
        NPlusOneDetected finding = single();
        assertThat(finding.count()).isEqualTo(MatrixDatabase.AUTHORS);
        assertThat(finding.association()).isEqualTo("Comment.author");
        assertThat(finding.suggestion()).startsWith("join fetch Comment.author in the query");
    }

    @Test
    void inverseOneToOneLoadedByUniqueKeyIsAnNPlusOneNamingAccountSettings() {
        long statements = run("GET /accounts", session -> {
            List<Account> accounts = session.createQuery("select a from Account a order by a.id", Account.class)
                    .getResultList();
            assertThat(accounts).extracting(a -> a.getSettings().getTheme())
                    .containsExactly("theme-1", "theme-2", "theme-3", "theme-4", "theme-5");
        });

        // No load event fires for a load by unique key: the name comes from the mapping.
        assertThat(statements).isEqualTo(1 + MatrixDatabase.ACCOUNTS);
        NPlusOneDetected finding = single();
        assertThat(finding.count()).isEqualTo(MatrixDatabase.ACCOUNTS);
        assertThat(finding.association()).isEqualTo("Account.settings");
        assertThat(finding.suggestion()).startsWith("join fetch Account.settings in the query");
    }

    @Test
    void joinFetchRunsOneStatementPerQueryAndLeavesNoFinding() {
        long statements = run("GET /posts/fixed", session -> {
            int comments = 0;
            for (Post post : session.createQuery("select distinct p from Post p join fetch p.author"
                    + " left join fetch p.comments c left join fetch c.author order by p.id", Post.class).getResultList()) {
                assertThat(post.getAuthor().getName()).startsWith("author-");
                for (Comment comment : post.getComments()) {
                    comments += comment.getAuthor().getName().isEmpty() ? 0 : 1;
                }
            }
            assertThat(comments).isEqualTo(MatrixDatabase.POSTS * MatrixDatabase.COMMENTS_PER_POST);
        });

        assertThat(statements).isEqualTo(1);
        recorder.assertNone();
    }

    /** Runs {@code work} in a session inside a request scope; @return the statements it ran */
    private long run(String route, java.util.function.Consumer<Session> work) {
        recorder = NPlusOneRecorder.attach(perfMon);
        try (RequestScope scope = perfMon.openScope(route); Session session = sessions.openSession()) {
            work.accept(session);
            return scope.counter(ScopeCounter.STATEMENTS);
        }
    }

    private NPlusOneDetected single() {
        assertThat(recorder.duplicates()).isEmpty();
        assertThat(recorder.nPlusOnes()).hasSize(1);
        return recorder.nPlusOnes().get(0);
    }
}
