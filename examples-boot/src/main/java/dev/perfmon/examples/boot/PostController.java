package dev.perfmon.examples.boot;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The application's routes, with nothing perfmon-specific in them. */
@RestController
public class PostController {

    private final PostRepository posts;
    private final PostTitles titles;

    public PostController(PostRepository posts, PostTitles titles) {
        this.posts = posts;
        this.titles = titles;
    }

    /** @return one post's title, from the cache after the first request */
    @GetMapping("/posts/{id}")
    public Map<String, Object> post(@PathVariable("id") long id) {
        return Map.of("id", id, "title", titles.title(id));
    }

    /** @return every post with its comment count: one query for the posts, then one per post (an N+1) */
    @GetMapping("/posts")
    @Transactional(readOnly = true)
    public List<Map<String, Object>> posts() {
        return posts.findAll().stream()
                .map(post -> Map.<String, Object>of("id", post.getId(), "comments", post.getComments().size()))
                .toList();
    }
}
