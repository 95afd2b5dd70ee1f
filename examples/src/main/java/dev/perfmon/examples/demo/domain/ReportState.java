package dev.perfmon.examples.demo.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The single row the activity report is materialised into. Refreshing it locks the row, so
 * concurrent refreshes queue up while each holds a pooled connection: the demo's pool
 * exhaustion comes from this, as it does in real services.
 */
@Entity
@Table(name = "report_state")
public class ReportState {

    /** The id of the one row. */
    public static final long SINGLETON_ID = 1L;

    @Id
    private Long id;

    @Column(name = "refreshed_at", nullable = false)
    private Instant refreshedAt;

    @Column(name = "refresh_count", nullable = false)
    private long refreshCount;

    @Column(name = "top_author_id")
    private Long topAuthorId;

    @Column(name = "top_author_comments", nullable = false)
    private long topAuthorComments;

    protected ReportState() {
        // for Hibernate
    }

    /**
     * @param id the id ({@link #SINGLETON_ID})
     * @param refreshedAt when it was last computed
     */
    public ReportState(Long id, Instant refreshedAt) {
        this.id = id;
        this.refreshedAt = refreshedAt;
    }

    /**
     * Stores a freshly computed result.
     *
     * @param at when
     * @param authorId the author whose posts drew the most comments
     * @param comments how many
     */
    public void refreshed(Instant at, Long authorId, long comments) {
        this.refreshedAt = at;
        this.refreshCount++;
        this.topAuthorId = authorId;
        this.topAuthorComments = comments;
    }

    /** @return when it was last computed */
    public Instant getRefreshedAt() {
        return refreshedAt;
    }

    /** @return how many times it was computed */
    public long getRefreshCount() {
        return refreshCount;
    }

    /** @return the author whose posts drew the most comments, or null before the first refresh */
    public Long getTopAuthorId() {
        return topAuthorId;
    }

    /** @return how many comments their posts drew */
    public long getTopAuthorComments() {
        return topAuthorComments;
    }
}
