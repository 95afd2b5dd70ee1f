package dev.perfmon.jdbc.matrix;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** A post with a lazy author and lazy comments. */
@Entity
@Table(name = "matrix_posts")
public class Post {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    private Author author;

    @OneToMany(mappedBy = "post")
    @OrderBy("id")
    private List<Comment> comments = new ArrayList<>();

    protected Post() {
    }

    public Post(long id, Author author) {
        this.id = id;
        this.author = author;
    }

    public Author getAuthor() {
        return author;
    }

    public List<Comment> getComments() {
        return comments;
    }
}
