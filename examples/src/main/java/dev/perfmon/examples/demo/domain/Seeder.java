package dev.perfmon.examples.demo.domain;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Fills the board with deterministic data through plain JDBC on the uninstrumented pool, so
 * seeding does not show up in the service's own SQL numbers.
 */
public final class Seeder {

    private static final String[] WORDS = ("latency pool cache query index redis replica shard queue batch"
            + " thread timeout retry socket buffer commit rollback lock schema join fetch lazy eager proxy"
            + " session metric histogram bucket quantile alert dashboard trace span budget rollout canary"
            + " throughput backlog release deploy cluster node vacuum analyze planner").split(" ");

    private final int users;
    private final int posts;
    private final int maxCommentsPerPost;

    /**
     * @param users how many users
     * @param posts how many posts
     * @param maxCommentsPerPost each post gets between 0 and this many comments (uniform)
     */
    public Seeder(int users, int posts, int maxCommentsPerPost) {
        if (users < 1 || posts < 1 || maxCommentsPerPost < 0) {
            throw new IllegalArgumentException("invalid seed sizes: users=" + users + " posts=" + posts
                    + " maxCommentsPerPost=" + maxCommentsPerPost);
        }
        this.users = users;
        this.posts = posts;
        this.maxCommentsPerPost = maxCommentsPerPost;
    }

    /** @return the default board: 200 users, 2,000 posts, about 20,000 comments */
    public static Seeder standard() {
        return new Seeder(200, 2_000, 20);
    }

    /** @return how many users are seeded (ids 1..users) */
    public int users() {
        return users;
    }

    /** @return how many posts are seeded (ids 1..posts) */
    public int posts() {
        return posts;
    }

    /**
     * Inserts the data into the empty schema Hibernate created and moves the post id sequence
     * past the seeded ids.
     *
     * @param dataSource the uninstrumented pool
     * @return how many comments were inserted
     */
    public long seed(DataSource dataSource) {
        Random random = new Random(42);
        Instant now = Instant.now();
        long comments = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (id, name, email) VALUES (?, ?, ?)")) {
                for (int id = 1; id <= users; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "user" + id);
                    insert.setString(3, "user" + id + "@example.org");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insertPost = connection.prepareStatement(
                    "INSERT INTO posts (id, author_id, title, body, created_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement insertComment = connection.prepareStatement(
                         "INSERT INTO comments (id, post_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= posts; id++) {
                    Instant created = now.minus(Duration.ofMinutes((long) (posts - id) * 7));
                    insertPost.setLong(1, id);
                    insertPost.setLong(2, 1 + random.nextInt(users));
                    insertPost.setString(3, sentence(random, 4 + random.nextInt(5)));
                    insertPost.setString(4, sentence(random, 40 + random.nextInt(60)));
                    insertPost.setTimestamp(5, Timestamp.from(created));
                    insertPost.addBatch();
                    int count = random.nextInt(maxCommentsPerPost + 1);
                    for (int c = 0; c < count; c++) {
                        comments++;
                        insertComment.setLong(1, comments);
                        insertComment.setLong(2, id);
                        insertComment.setLong(3, 1 + random.nextInt(users));
                        insertComment.setString(4, sentence(random, 8 + random.nextInt(25)));
                        insertComment.setTimestamp(5, Timestamp.from(created.plusSeconds(60L * (c + 1))));
                        insertComment.addBatch();
                    }
                    if (id % 200 == 0) {
                        insertPost.executeBatch();
                        insertComment.executeBatch();
                    }
                }
                insertPost.executeBatch();
                insertComment.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO report_state (id, refreshed_at, refresh_count, top_author_comments) VALUES (?, ?, 0, 0)")) {
                insert.setLong(1, ReportState.SINGLETON_ID);
                insert.setTimestamp(2, Timestamp.from(now));
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                // Hibernate's pooled optimizer reads a sequence value v as the block (v - 50, v]:
                // the next post gets id posts + 1.
                statement.execute("ALTER SEQUENCE posts_seq RESTART WITH " + (posts + 50));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
        }
        return comments;
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder(words * 8);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        return text.toString();
    }
}
