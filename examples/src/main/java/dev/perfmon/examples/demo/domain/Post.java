package dev.perfmon.examples.demo.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A post on the board. Its author and comments are lazy, as in most real mappings: that is
 * what lets the naive listing fall into an N+1.
 */
@Entity
@Table(name = "posts", indexes = @Index(name = "posts_author_idx", columnList = "author_id"))
public class Post {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "posts_seq")
    @SequenceGenerator(name = "posts_seq", sequenceName = "posts_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private User author;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 4000)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "post", fetch = FetchType.LAZY)
    @OrderBy("id")
    private List<Comment> comments = new ArrayList<>();

    protected Post() {
        // for Hibernate
    }

    /**
     * @param author who wrote it
     * @param title the title
     * @param body the text
     * @param createdAt when it was written
     */
    public Post(User author, String title, String body, Instant createdAt) {
        this.author = author;
        this.title = title;
        this.body = body;
        this.createdAt = createdAt;
    }

    /** @return the id, null until persisted */
    public Long getId() {
        return id;
    }

    /** @return the author (a lazy proxy until touched) */
    public User getAuthor() {
        return author;
    }

    /** @return the title */
    public String getTitle() {
        return title;
    }

    /** @return the text */
    public String getBody() {
        return body;
    }

    /** @return when it was written */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** @return the comments, oldest first (loaded on first access) */
    public List<Comment> getComments() {
        return comments;
    }
}
