package dev.perfmon.jdbc.matrix;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A comment on a post; its author is eager (JPA's default for a to-one). */
@Entity
@Table(name = "matrix_comments")
public class Comment {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    private Post post;

    @ManyToOne(fetch = FetchType.EAGER)
    private Author author;

    protected Comment() {
    }

    public Comment(long id, Post post, Author author) {
        this.id = id;
        this.post = post;
        this.author = author;
    }

    public Author getAuthor() {
        return author;
    }
}
