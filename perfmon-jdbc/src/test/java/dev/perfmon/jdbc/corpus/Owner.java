package dev.perfmon.jdbc.corpus;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A pet owner: lazy pets, a lazy element collection of phones, a lazy owning one-to-one loyalty card. */
@Entity
@Table(name = "corpus_owners")
public class Owner {

    @Id
    private Long id;

    private String name;

    private String city;

    @OneToMany(mappedBy = "owner")
    @OrderBy("id")
    private List<Pet> pets = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "corpus_owner_phones", joinColumns = @JoinColumn(name = "owner_id"))
    @Column(name = "phone")
    private Set<String> phones = new HashSet<>();

    @OneToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "card_id")
    private LoyaltyCard card;

    protected Owner() {
    }

    public Owner(long id, String name, String city, LoyaltyCard card) {
        this.id = id;
        this.name = name;
        this.city = city;
        this.card = card;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCity() {
        return city;
    }

    public List<Pet> getPets() {
        return pets;
    }

    public Set<String> getPhones() {
        return phones;
    }

    public LoyaltyCard getCard() {
        return card;
    }
}
