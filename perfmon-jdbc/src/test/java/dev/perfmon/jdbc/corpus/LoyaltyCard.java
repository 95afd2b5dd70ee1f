package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** An owner's loyalty card; {@link #getOwner()} is the inverse side of {@code Owner.card}, which Hibernate loads eagerly. */
@Entity
@Table(name = "corpus_cards")
public class LoyaltyCard {

    @Id
    private Long id;

    private String number;

    @OneToOne(mappedBy = "card")
    private Owner owner;

    protected LoyaltyCard() {
    }

    public LoyaltyCard(long id, String number) {
        this.id = id;
        this.number = number;
    }

    public Long getId() {
        return id;
    }

    public String getNumber() {
        return number;
    }

    public Owner getOwner() {
        return owner;
    }
}
