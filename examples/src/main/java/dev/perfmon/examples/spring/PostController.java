package dev.perfmon.examples.spring;

import dev.perfmon.redis.PerfMonCache;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What application code looks like with {@link PerfMonSpringConfiguration}: nothing
 * perfmon-specific beyond using the cache bean. The request is timed as
 * {@code uri="/posts/{id}"} (Spring MVC's pattern), its SQL goes through the wrapped DataSource
 * (as JPA's or a {@code JdbcTemplate}'s would), and its Redis time and hit or miss go into the
 * request's breakdown.
 */
@RestController
public class PostController {

    private final DataSource dataSource;
    private final PerfMonCache<String> posts;

    /**
     * @param dataSource the DataSource bean, which the post-processor wrapped
     * @param posts the cache bean
     */
    public PostController(DataSource dataSource, PerfMonCache<String> posts) {
        this.dataSource = dataSource;
        this.posts = posts;
    }

    /** @return the post's title, from Redis when cached */
    @GetMapping("/posts/{id}")
    public String title(@PathVariable long id) {
        return posts.getOrLoad("post:" + id, () -> load(id));
    }

    private String load(long id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT title FROM posts WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read post " + id, e);
        }
    }
}
