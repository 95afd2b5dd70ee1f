package dev.perfmon.jdbc.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;

import java.util.ArrayList;
import java.util.List;

/** A blog user; its posts are batch-fetched three owners at a time. */
@Entity
@Table(name = "nplus_users")
public class User {

    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "author")
    @BatchSize(size = 3)
    private List<Post> posts = new ArrayList<>();

    protected User() {
    }

    public User(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Post> getPosts() {
        return posts;
    }
}
