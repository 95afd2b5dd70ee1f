package dev.perfmon.jdbc.matrix;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** The inverse side of a one-to-one: Hibernate loads its settings by their unique key. */
@Entity
@Table(name = "matrix_accounts")
public class Account {

    @Id
    private Long id;

    @OneToOne(mappedBy = "account")
    private AccountSettings settings;

    protected Account() {
    }

    public Account(long id) {
        this.id = id;
    }

    public AccountSettings getSettings() {
        return settings;
    }
}
