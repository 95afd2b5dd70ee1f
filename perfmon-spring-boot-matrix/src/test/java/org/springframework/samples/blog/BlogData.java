package org.springframework.samples.blog;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Eight posts with three comments each, at startup. */
@Component
public class BlogData implements ApplicationRunner {

    /** The number of posts, so the N+1 is one query plus this many. */
    public static final int POSTS = 8;

    private final PostRepository posts;
    private final CommentRepository comments;

    public BlogData(PostRepository posts, CommentRepository comments) {
        this.posts = posts;
        this.comments = comments;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (int i = 1; i <= POSTS; i++) {
            Post post = posts.save(new Post("post " + i));
            for (int c = 1; c <= 3; c++) {
                comments.save(new Comment(post, "comment " + c));
            }
        }
    }
}
