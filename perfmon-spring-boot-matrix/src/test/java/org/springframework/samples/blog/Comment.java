package org.springframework.samples.blog;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A comment on a post. */
@Entity
public class Comment {

    @Id
    @GeneratedValue
    private Long id;

    private String text;

    @ManyToOne(fetch = FetchType.LAZY)
    private Post post;

    protected Comment() {
    }

    public Comment(Post post, String text) {
        this.post = post;
        this.text = text;
    }

    public String getText() {
        return text;
    }
}
