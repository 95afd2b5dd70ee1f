package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An audit line with an identity id: Hibernate must insert each row on its own to learn its id. */
@Entity
@Table(name = "corpus_audit")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String action;

    protected AuditEntry() {
    }

    public AuditEntry(String action) {
        this.action = action;
    }

    public Long getId() {
        return id;
    }
}
