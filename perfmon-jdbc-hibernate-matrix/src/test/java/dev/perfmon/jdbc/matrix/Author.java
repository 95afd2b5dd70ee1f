package dev.perfmon.jdbc.matrix;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A writer of posts and comments: the target of one lazy and one eager to-one association. */
@Entity
@Table(name = "matrix_authors")
public class Author {

    @Id
    private Long id;

    private String name;

    protected Author() {
    }

    public Author(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
