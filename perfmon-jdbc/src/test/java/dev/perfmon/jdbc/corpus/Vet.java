package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A vet, loaded in batches of 4 as a proxy target; lazy specialties, visits in batches of 4. */
@Entity
@Table(name = "corpus_vets")
@BatchSize(size = 4)
public class Vet {

    @Id
    private Long id;

    private String name;

    @ManyToMany
    @JoinTable(name = "corpus_vet_specialties", joinColumns = @JoinColumn(name = "vet_id"),
            inverseJoinColumns = @JoinColumn(name = "specialty_id"))
    private Set<Specialty> specialties = new HashSet<>();

    @OneToMany(mappedBy = "vet")
    @BatchSize(size = 4)
    @OrderBy("id")
    private List<Visit> visits = new ArrayList<>();

    protected Vet() {
    }

    public Vet(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Set<Specialty> getSpecialties() {
        return specialties;
    }

    public List<Visit> getVisits() {
        return visits;
    }
}
