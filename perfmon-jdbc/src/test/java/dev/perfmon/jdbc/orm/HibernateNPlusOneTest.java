package dev.perfmon.jdbc.orm;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.event.Severity;
import dev.perfmon.jdbc.DelegatingDataSource;
import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.NPlusOneDetected;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.SourceLines;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The N+1 scenarios of a real Hibernate 7 application (users, posts, comments) on HikariCP over
 * H2 and PostgreSQL: each asserts the exact finding, or that there is none, and the statement
 * count that proves what ran.
 */
class HibernateNPlusOneTest {

    static final String COMMENTS_BY_POST = "select c1_0.post_id, c1_0.id, c1_0.author_id, c1_0.text"
            + " from nplus_comments c1_0 where c1_0.post_id=? order by c1_0.id";
    static final String USER_BY_ID = "select u1_0.id, u1_0.name from nplus_users u1_0 where u1_0.id=?";
    static final String POST_BY_ID = "select p1_0.id, p1_0.author_id, p1_0.title from nplus_posts p1_0 where p1_0.id=?";
    static final String USER_BY_NAME = "select u1_0.id, u1_0.name from nplus_users u1_0 where u1_0.name=?";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);
    private Blog blog;

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private Blog blog(TestDatabase db, NPlusOneConfig config) {
        blog = Blog.on(db);
        blog.use(PerfMonDataSource.builder(blog.pool, perfMon).name("main").nPlusOne(config).build());
        return blog;
    }

    @AfterEach
    void tearDown() {
        if (blog != null) {
            blog.use(blog.pool);
        }
        perfMon.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lazyCollectionLoopIsAnNPlusOneNamingPostComments(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /posts"); Session session = blog.sessions.openSession()) {
            int comments = 0;
            for (Post post : session.createQuery("select p from Post p order by p.id", Post.class).getResultList()) {
                comments += post.getComments().size();
            }
            assertThat(comments).isEqualTo(Blog.POSTS * Blog.COMMENTS_PER_POST);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Blog.POSTS);
        assertThat(recorder.duplicates()).isEmpty();
        assertThat(recorder.nPlusOnes()).hasSize(1);
        NPlusOneDetected finding = recorder.nPlusOnes().get(0);
        assertThat(finding.route()).isEqualTo("GET /posts");
        assertThat(finding.dataSource()).isEqualTo("main");
        assertThat(finding.fingerprint()).isEqualTo(COMMENTS_BY_POST);
        assertThat(finding.count()).isEqualTo(Blog.POSTS);
        assertThat(finding.distinctParameterSets()).isEqualTo(Blog.POSTS);
        assertThat(finding.association()).isEqualTo("Post.comments");
        assertThat(finding.suggestion()).startsWith("join fetch Post.comments, an entity graph, or @BatchSize");
        assertThat(finding.callSite()).isEqualTo(site("lazyCollectionLoopIsAnNPlusOneNamingPostComments",
                "comments += post.getComments().size()"));
        assertThat(finding.totalTime()).isPositive();
        assertThat(registry.get("perfmon.nplusone").tags("method", "GET", "uri", "/posts").tag("datasource", "main")
                .counter().count()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lazyToOneLoopIsAnNPlusOneNamingCommentAuthorAmongTwoAssociationsToUser(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /comments"); Session session = blog.sessions.openSession()) {
            List<String> authors = new ArrayList<>();
            for (Comment comment : session.createQuery("select c from Comment c order by c.id", Comment.class)
                    .getResultList()) {
                authors.add(comment.getAuthor().getName());
            }
            assertThat(authors).hasSize(Blog.POSTS * Blog.COMMENTS_PER_POST);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // One statement per distinct author: the persistence context serves the repeats.
        assertThat(statements).isEqualTo(1 + Blog.USERS);
        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.route()).isEqualTo("GET /comments");
        assertThat(finding.fingerprint()).isEqualTo(USER_BY_ID);
        assertThat(finding.count()).isEqualTo(Blog.USERS);
        assertThat(finding.distinctParameterSets()).isEqualTo(Blog.USERS);
        assertThat(finding.association()).isEqualTo("Comment.author");
        assertThat(finding.suggestion()).startsWith("join fetch Comment.author, an entity graph, or @BatchSize on User");
        assertThat(finding.callSite()).isEqualTo(site("lazyToOneLoopIsAnNPlusOneNamingCommentAuthorAmongTwoAssociationsToUser",
                "authors.add(comment.getAuthor().getName())"));
        assertThat(recorder.duplicates()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void findByIdLoopWithoutLazyLoadingIsAnNPlusOneNamingTheLookup(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /posts/selected"); Session session = blog.sessions.openSession()) {
            for (long id = 1; id <= Blog.POSTS; id++) {
                assertThat(session.find(Post.class, id).getTitle()).isEqualTo("post-" + id);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(Blog.POSTS);
        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.fingerprint()).isEqualTo(POST_BY_ID);
        assertThat(finding.count()).isEqualTo(Blog.POSTS);
        assertThat(finding.distinctParameterSets()).isEqualTo(Blog.POSTS);
        assertThat(finding.association()).isEqualTo("find(Post)");
        assertThat(finding.suggestion()).contains("session.findMultiple(Post.class, ids)");
        assertThat(finding.callSite()).isEqualTo(site("findByIdLoopWithoutLazyLoadingIsAnNPlusOneNamingTheLookup",
                "assertThat(session.find(Post.class, id)"));
        assertThat(recorder.duplicates()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void joinFetchRunsOneStatementAndLeavesNoFindingEvenInStrictMode(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /posts"); Session session = blog.sessions.openSession()) {
            int comments = 0;
            for (Post post : session.createQuery(
                    "select distinct p from Post p left join fetch p.comments order by p.id", Post.class)
                    .getResultList()) {
                comments += post.getComments().size();
            }
            List<String> authors = new ArrayList<>();
            for (Comment comment : session.createQuery(
                    "select c from Comment c join fetch c.author order by c.id", Comment.class).getResultList()) {
                authors.add(comment.getAuthor().getName());
            }
            assertThat(comments).isEqualTo(Blog.POSTS * Blog.COMMENTS_PER_POST);
            assertThat(authors).hasSize(Blog.POSTS * Blog.COMMENTS_PER_POST);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(2);
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void batchSizeAnnotationLoadsInBatchesThatAreNotNPlusOneEvenInStrictMode(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /users"); Session session = blog.sessions.openSession()) {
            int posts = 0;
            for (User user : session.createQuery("select u from User u order by u.id", User.class).getResultList()) {
                posts += user.getPosts().size();
            }
            assertThat(posts).isEqualTo(Blog.POSTS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // @BatchSize(size = 3) over 8 users: batches of 3, 3 and 2 owners.
        assertThat(statements).isEqualTo(1 + 3);
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void defaultBatchFetchSizeLoadsCollectionsAndProxiesInBatchesThatAreNotNPlusOne(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /feed"); Session session = blog.batchFetching().openSession()) {
            int comments = 0;
            for (Post post : session.createQuery("select p from Post p order by p.id", Post.class).getResultList()) {
                comments += post.getComments().size();
            }
            int authors = 0;
            for (Comment comment : session.createQuery("select c from Comment c order by c.id", Comment.class)
                    .getResultList()) {
                authors += comment.getAuthor().getName().isEmpty() ? 0 : 1;
            }
            assertThat(comments).isEqualTo(Blog.POSTS * Blog.COMMENTS_PER_POST);
            assertThat(authors).isEqualTo(Blog.POSTS * Blog.COMMENTS_PER_POST);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Batch size 4: comments of 10 posts in 3 round trips, 8 authors in 2.
        assertThat(statements).isEqualTo(1 + 3 + 1 + 2);
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void defaultBatchFetchSizeDoesNotHideEntitiesLoadedOneAtATime(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /posts/one-by-one");
             Session session = blog.batchFetching().openSession()) {
            for (long id = 1; id <= Blog.POSTS; id++) {
                assertThat(session.find(Post.class, id).getTitle()).isEqualTo("post-" + id);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // The mapping batches, the loop does not: one key per round trip.
        assertThat(statements).isEqualTo(Blog.POSTS);
        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.count()).isEqualTo(Blog.POSTS);
        assertThat(finding.distinctParameterSets()).isEqualTo(Blog.POSTS);
        assertThat(finding.association()).isEqualTo("find(Post)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inverseOneToOneLoadedByUniqueKeyIsAnNPlusOneNamingTheMappedBySide(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /accounts"); Session session = blog.sessions.openSession()) {
            List<Account> accounts = session.createQuery("select a from Account a order by a.id", Account.class)
                    .getResultList();
            assertThat(accounts).extracting(a -> a.getSettings().getTheme())
                    .containsExactly("light", "dark", "light", "dark", "light", "dark");
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Hibernate fires no load event for a load by unique key: the name comes from the mapping.
        assertThat(statements).isEqualTo(1 + Blog.ACCOUNTS);
        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.count()).isEqualTo(Blog.ACCOUNTS);
        assertThat(finding.distinctParameterSets()).isEqualTo(Blog.ACCOUNTS);
        assertThat(finding.fingerprint()).contains("from nplus_account_settings").contains(".account_id=?");
        assertThat(finding.association()).isEqualTo("Account.settings");
        assertThat(finding.suggestion()).startsWith("join fetch Account.settings in the query");
        // Hibernate loads each account's settings while it reads the query's rows.
        assertThat(finding.callSite()).isEqualTo(site("inverseOneToOneLoadedByUniqueKeyIsAnNPlusOneNamingTheMappedBySide",
                ".getResultList();"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inverseOneToOneFetchedWithItsOwnerLeavesNoFinding(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /accounts/fetched"); Session session = blog.sessions.openSession()) {
            List<Account> accounts = session.createQuery(
                    "select a from Account a left join fetch a.settings order by a.id", Account.class).getResultList();
            assertThat(accounts).extracting(a -> a.getSettings().getTheme()).hasSize(Blog.ACCOUNTS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }
        assertThat(statements).isEqualTo(1);
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void oneAssociationReachedFromTwoPlacesIsOneFindingWithBothCallSites(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        try (RequestScope scope = perfMon.openScope("GET /posts/split"); Session session = blog.sessions.openSession()) {
            List<Post> posts = session.createQuery("select p from Post p order by p.id", Post.class).getResultList();
            int comments = 0;
            for (Post post : posts.subList(0, 3)) {
                comments += post.getComments().size();
            }
            for (Post post : posts.subList(3, 6)) {
                comments += post.getComments().isEmpty() ? 0 : post.getComments().size();
            }
            assertThat(comments).isEqualTo(6 * Blog.COMMENTS_PER_POST);
        }

        // 3 + 3 lazy loads of Post.comments: each place alone stays below the threshold of 5.
        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.association()).isEqualTo("Post.comments");
        assertThat(finding.count()).isEqualTo(6);
        assertThat(finding.distinctParameterSets()).isEqualTo(6);
        String first = site("oneAssociationReachedFromTwoPlacesIsOneFindingWithBothCallSites",
                "comments += post.getComments().size();");
        String second = site("oneAssociationReachedFromTwoPlacesIsOneFindingWithBothCallSites",
                "comments += post.getComments().isEmpty()");
        assertThat(finding.callSites()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(first, 3, second, 3));
        assertThat(finding.summary()).contains(first + " x3").contains(second + " x3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void paginationLoopIsNeitherNPlusOneNorDuplicateEvenInStrictMode(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("job:export-posts"); Session session = blog.sessions.openSession()) {
            List<Post> all = new ArrayList<>();
            for (int page = 0; page < 5; page++) {
                all.addAll(session.createQuery("select p from Post p order by p.id", Post.class)
                        .setFirstResult(page * 2).setMaxResults(2).getResultList());
            }
            assertThat(all).extracting(Post::getId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(5);
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sameQueryWithIdenticalParametersIsADuplicateNotAnNPlusOne(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        try (RequestScope scope = perfMon.openScope("GET /dashboard"); Session session = blog.sessions.openSession()) {
            for (int widget = 0; widget < 6; widget++) {
                assertThat(session.createQuery("select u from User u where u.name = :name", User.class)
                        .setParameter("name", "user-1").getSingleResult().getId()).isEqualTo(1L);
            }
        }

        assertThat(recorder.nPlusOnes()).isEmpty();
        DuplicateQuery duplicate = single(recorder.duplicates());
        assertThat(duplicate.route()).isEqualTo("GET /dashboard");
        assertThat(duplicate.fingerprint()).isEqualTo(USER_BY_NAME);
        assertThat(duplicate.count()).isEqualTo(6);
        assertThat(duplicate.distinctParameterSets()).isEqualTo(1);
        assertThat(duplicate.association()).isNull();
        assertThat(duplicate.callSite()).isEqualTo(site("sameQueryWithIdenticalParametersIsADuplicateNotAnNPlusOne",
                ".setParameter(\"name\", \"user-1\").getSingleResult()"));
        assertThat(registry.get("perfmon.duplicate.query").tags("method", "GET", "uri", "/dashboard").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.find("perfmon.nplusone").counters()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void requestThatHopsThreadsWithItsScopeIsAnalysedAsOneRequest(TestDatabase db) throws Exception {
        Blog blog = blog(db, NPlusOneConfig.defaults());
        ExecutorService workers = Executors.newFixedThreadPool(3);
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /posts/parallel")) {
            ExecutorService propagating = perfMon.wrap(workers);
            List<Future<String>> titles = new ArrayList<>();
            for (long id = 1; id <= Blog.POSTS; id++) {
                long postId = id;
                titles.add(propagating.submit(() -> {
                    try (Session session = blog.sessions.openSession()) {
                        return session.find(Post.class, postId).getTitle();
                    }
                }));
            }
            for (Future<String> title : titles) {
                assertThat(title.get()).startsWith("post-");
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        } finally {
            workers.shutdownNow();
        }

        assertThat(statements).isEqualTo(Blog.POSTS);
        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.route()).isEqualTo("GET /posts/parallel");
        assertThat(finding.fingerprint()).isEqualTo(POST_BY_ID);
        assertThat(finding.count()).isEqualTo(Blog.POSTS);
        assertThat(finding.distinctParameterSets()).isEqualTo(Blog.POSTS);
        assertThat(finding.association()).isEqualTo("find(Post)");
        assertThat(finding.callSite()).startsWith(HibernateNPlusOneTest.class.getName() + ".lambda$")
                .endsWith("(HibernateNPlusOneTest.java:" + SourceLines.lineOf(HibernateNPlusOneTest.class,
                        "requestThatHopsThreadsWithItsScopeIsAnalysedAsOneRequest",
                        "return session.find(Post.class, postId)") + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void dataSourceWrappedTwiceThroughAnotherWrapperCountsEachStatementOnce(TestDatabase db) {
        Blog blog = Blog.on(db);
        this.blog = blog;
        PerfMonDataSource inner = PerfMonDataSource.builder(blog.pool, perfMon).name("main").build();
        DataSource foreign = new DelegatingDataSource(inner);
        PerfMonDataSource outer = PerfMonDataSource.builder(foreign, perfMon).name("again").build();
        blog.use(outer);
        assertThat(outer.isInstrumenting()).isFalse();
        assertThat(outer.name()).isEqualTo("main");

        long statements;
        try (RequestScope scope = perfMon.openScope("GET /posts"); Session session = blog.sessions.openSession()) {
            for (Post post : session.createQuery("select p from Post p order by p.id", Post.class).getResultList()) {
                assertThat(post.getComments()).hasSize(Blog.COMMENTS_PER_POST);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Blog.POSTS);
        long timed = registry.find("jdbc.query").timers().stream().mapToLong(Timer::count).sum();
        assertThat(timed).isEqualTo(1 + Blog.POSTS);
        assertThat(registry.find("jdbc.query").tag("datasource", "again").timers()).isEmpty();
        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.count()).isEqualTo(Blog.POSTS);
        assertThat(finding.association()).isEqualTo("Post.comments");
        assertThat(finding.dataSource()).isEqualTo("main");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void findingBelowTheSeverityFloorIsInfoAndAboveItAWarning(TestDatabase db) {
        Blog blog = blog(db, NPlusOneConfig.builder().severityFloor(Duration.ofHours(1)).build());
        runPostComments(blog, "GET /posts");
        blog.use(PerfMonDataSource.builder(blog.pool, perfMon).name("main")
                .nPlusOne(NPlusOneConfig.builder().severityFloor(Duration.ZERO).build()).build());
        runPostComments(blog, "GET /posts");

        assertThat(recorder.nPlusOnes()).extracting(NPlusOneDetected::severity)
                .containsExactly(Severity.INFO, Severity.WARNING);
    }

    private void runPostComments(Blog blog, String route) {
        try (RequestScope scope = perfMon.openScope(route); Session session = blog.sessions.openSession()) {
            for (Post post : session.createQuery("select p from Post p order by p.id", Post.class).getResultList()) {
                post.getComments().size();
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static <T> T single(List<T> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    /** @return the call site of the line holding {@code code} in test method {@code method} */
    private static String site(String method, String code) {
        return SourceLines.callSite(HibernateNPlusOneTest.class, method, code);
    }
}
