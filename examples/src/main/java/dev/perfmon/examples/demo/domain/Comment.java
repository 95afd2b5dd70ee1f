package dev.perfmon.examples.demo.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** A comment on a post. Ids are assigned by the seeder; the demo never creates comments. */
@Entity
@Table(name = "comments", indexes = {
        @Index(name = "comments_post_idx", columnList = "post_id"),
        @Index(name = "comments_author_idx", columnList = "author_id")})
public class Comment {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    private Post post;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private User author;

    @Column(nullable = false, length = 2000)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Comment() {
        // for Hibernate
    }

    /** @return the id */
    public Long getId() {
        return id;
    }

    /** @return the post it belongs to */
    public Post getPost() {
        return post;
    }

    /** @return who wrote it (a lazy proxy until touched) */
    public User getAuthor() {
        return author;
    }

    /** @return the text */
    public String getBody() {
        return body;
    }

    /** @return when it was written */
    public Instant getCreatedAt() {
        return createdAt;
    }
}
