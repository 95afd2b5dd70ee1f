package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A vet's specialty (surgery, dentistry, ...). */
@Entity
@Table(name = "corpus_specialties")
public class Specialty {

    @Id
    private Long id;

    private String name;

    protected Specialty() {
    }

    public Specialty(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
