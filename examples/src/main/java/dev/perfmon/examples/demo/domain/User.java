package dev.perfmon.examples.demo.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member of the board. Ids are assigned by the seeder; the demo never creates users. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private Long id;

    private String name;

    private String email;

    protected User() {
        // for Hibernate
    }

    /**
     * @param id the id
     * @param name the display name
     * @param email the address
     */
    public User(Long id, String name, String email) {
        this.id = id;
        this.name = name;
        this.email = email;
    }

    /** @return the id */
    public Long getId() {
        return id;
    }

    /** @return the display name */
    public String getName() {
        return name;
    }

    /** @return the address */
    public String getEmail() {
        return email;
    }
}
