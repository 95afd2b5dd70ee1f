package org.springframework.samples.blog;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/** The blog's routes: one post, its cached title, every post with its comment count (naive and fixed), a new post, an admin page. */
@RestController
public class PostController {

    private final PostRepository posts;
    private final PostTitles titles;

    public PostController(PostRepository posts, PostTitles titles) {
        this.posts = posts;
        this.titles = titles;
    }

    @GetMapping("/posts/{id}")
    public Map<String, Object> post(@PathVariable long id) {
        Post post = posts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Map.of("id", post.getId(), "title", post.getTitle());
    }

    /** A post's title from the Redis cache. */
    @GetMapping("/posts/{id}/title")
    public Map<String, Object> title(@PathVariable long id) {
        return Map.of("id", id, "title", titles.title(id));
    }

    /** One query for the posts, then one per post for its comments: the N+1. */
    @GetMapping("/posts/naive")
    @Transactional(readOnly = true)
    public List<Integer> naive() {
        return posts.findAll().stream().map(post -> post.getComments().size()).toList();
    }

    /** The same answer from one join fetch. */
    @GetMapping("/posts/fixed")
    @Transactional(readOnly = true)
    public List<Integer> fixed() {
        return posts.findAllWithComments().stream().map(post -> post.getComments().size()).toList();
    }

    @PostMapping(path = "/posts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> create(@RequestBody Map<String, String> body) {
        Post post = posts.save(new Post(body.getOrDefault("title", "untitled")));
        return Map.of("id", post.getId());
    }

    @GetMapping("/admin/posts/{id}")
    public Map<String, Object> admin(@PathVariable long id) {
        return post(id);
    }
}
