package dev.perfmon.jdbc.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A comment on a post, by a user; both associations lazy. */
@Entity
@Table(name = "nplus_comments")
public class Comment {

    @Id
    private Long id;

    private String text;

    @ManyToOne(fetch = FetchType.LAZY)
    private Post post;

    @ManyToOne(fetch = FetchType.LAZY)
    private User author;

    protected Comment() {
    }

    public Comment(long id, String text, Post post, User author) {
        this.id = id;
        this.text = text;
        this.post = post;
        this.author = author;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public Post getPost() {
        return post;
    }

    public User getAuthor() {
        return author;
    }
}
