package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.util.ArrayList;
import java.util.List;

/** A pet: a lazy owner, an eager type (JPA's default for a to-one), visits fetched by subselect. */
@Entity
@Table(name = "corpus_pets")
public class Pet {

    @Id
    private Long id;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private Owner owner;

    @ManyToOne
    @JoinColumn(name = "type_id")
    private PetType type;

    @OneToMany(mappedBy = "pet")
    @Fetch(FetchMode.SUBSELECT)
    @OrderBy("id")
    private List<Visit> visits = new ArrayList<>();

    protected Pet() {
    }

    public Pet(long id, String name, Owner owner, PetType type) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.type = type;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Owner getOwner() {
        return owner;
    }

    public PetType getType() {
        return type;
    }

    public List<Visit> getVisits() {
        return visits;
    }
}
