package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A kind of pet (cat, dog, ...). */
@Entity
@Table(name = "corpus_pet_types")
public class PetType {

    @Id
    private Long id;

    private String name;

    protected PetType() {
    }

    public PetType(long id, String name) {
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
