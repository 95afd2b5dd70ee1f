package dev.perfmon.jdbc.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A weight reading with a sequence-generated id, one sequence call per row (allocation size 1). */
@Entity
@Table(name = "corpus_readings")
public class Reading {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "corpus_reading_ids")
    @SequenceGenerator(name = "corpus_reading_ids", sequenceName = "corpus_reading_seq", allocationSize = 1)
    private Long id;

    private int grams;

    protected Reading() {
    }

    public Reading(int grams) {
        this.grams = grams;
    }

    public Long getId() {
        return id;
    }

    public int getGrams() {
        return grams;
    }
}
