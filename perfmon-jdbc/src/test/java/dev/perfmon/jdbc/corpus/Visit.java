package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A visit of a pet to a vet; both associations lazy. */
@Entity
@Table(name = "corpus_visits")
public class Visit {

    @Id
    private Long id;

    private String description;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "pet_id")
    private Pet pet;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "vet_id")
    private Vet vet;

    protected Visit() {
    }

    public Visit(long id, String description, Pet pet, Vet vet) {
        this.id = id;
        this.description = description;
        this.pet = pet;
        this.vet = vet;
    }

    public Long getId() {
        return id;
    }

    public String getDescription() {
        return description;
    }

    public Pet getPet() {
        return pet;
    }

    public Vet getVet() {
        return vet;
    }
}
