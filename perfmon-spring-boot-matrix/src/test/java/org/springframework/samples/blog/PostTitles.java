package org.springframework.samples.blog;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Post titles, cached in Redis (Boot's RedisCacheManager): the database is asked once per post. */
@Service
public class PostTitles {

    /** The cache's name. */
    public static final String CACHE = "post-titles";

    private final PostRepository posts;

    public PostTitles(PostRepository posts) {
        this.posts = posts;
    }

    @Cacheable(CACHE)
    public String title(long id) {
        return posts.findById(id).map(Post::getTitle)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
