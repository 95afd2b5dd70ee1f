package dev.perfmon.examples.boot;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Five posts with two comments each, at startup. */
@Component
public class SampleData implements ApplicationRunner {

    /** The number of posts, so the N+1 of {@code /posts} is one query plus this many. */
    public static final int POSTS = 5;

    private final PostRepository posts;
    private final CommentRepository comments;

    public SampleData(PostRepository posts, CommentRepository comments) {
        this.posts = posts;
        this.comments = comments;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (int i = 1; i <= POSTS; i++) {
            Post post = posts.save(new Post("post " + i));
            comments.save(new Comment(post, "first"));
            comments.save(new Comment(post, "second"));
        }
    }
}
