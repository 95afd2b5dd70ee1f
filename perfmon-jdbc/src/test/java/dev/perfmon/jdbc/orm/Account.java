package dev.perfmon.jdbc.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/**
 * An account whose settings row points back at it: the inverse side of a one-to-one, which
 * Hibernate loads by the settings' unique key, one select per account the query did not fetch.
 */
@Entity
@Table(name = "nplus_accounts")
public class Account {

    @Id
    private Long id;

    private String name;

    @OneToOne(mappedBy = "account")
    private AccountSettings settings;

    protected Account() {
    }

    public Account(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public AccountSettings getSettings() {
        return settings;
    }
}
