package dev.perfmon.jdbc.internal;

/**
 * What perfmon knows about one SQL string, computed once and cached: its fingerprint, its
 * type, which {@code ?} placeholders only page (LIMIT/OFFSET/FETCH), and hashes of its literals
 * so that two statements differing only in literal values count as different parameter sets.
 * Holds no literal value itself.
 */
public final class SqlInfo {

    static final int[] NO_ORDINALS = new int[0];

    private final String fingerprint;
    private final SqlType type;
    private final int[] pagingOrdinals;
    private final long literalsHash;
    private final long filterLiteralsHash;
    private final boolean batchedLookup;
    private final boolean keyFetch;
    /** Bind parameters inside IN lists of two or more values, and the other non-paging ones. */
    private final int listParameters;
    private final int otherParameters;
    private final int listValues;
    private final int[] keysetOrdinals;
    private final int limitOrdinal;
    /** How often the shape runs per scope, learned across the scopes of a data source; shared by every text of the shape. */
    private final ScopeRuns runs;

    SqlInfo(String fingerprint, SqlType type, int[] pagingOrdinals, long literalsHash, long filterLiteralsHash,
            boolean batchedLookup) {
        this(fingerprint, type, pagingOrdinals, literalsHash, filterLiteralsHash, batchedLookup, false, 0, 0, 0,
                NO_ORDINALS, 0);
    }

    SqlInfo(String fingerprint, SqlType type, int[] pagingOrdinals, long literalsHash, long filterLiteralsHash,
            boolean batchedLookup, boolean keyFetch, int listParameters, int otherParameters, int listValues,
            int[] keysetOrdinals, int limitOrdinal) {
        this.fingerprint = fingerprint;
        this.type = type;
        this.pagingOrdinals = pagingOrdinals;
        this.literalsHash = literalsHash;
        this.filterLiteralsHash = filterLiteralsHash;
        this.batchedLookup = batchedLookup;
        this.keyFetch = keyFetch;
        this.listParameters = listParameters;
        this.otherParameters = otherParameters;
        this.listValues = listValues;
        this.keysetOrdinals = keysetOrdinals;
        this.limitOrdinal = limitOrdinal;
        this.runs = new ScopeRuns();
    }

    private SqlInfo(SqlInfo shape, long literalsHash, long filterLiteralsHash) {
        this.fingerprint = shape.fingerprint;
        this.type = shape.type;
        this.pagingOrdinals = shape.pagingOrdinals;
        this.literalsHash = literalsHash;
        this.filterLiteralsHash = filterLiteralsHash;
        this.batchedLookup = shape.batchedLookup;
        this.keyFetch = shape.keyFetch;
        this.listParameters = shape.listParameters;
        this.otherParameters = shape.otherParameters;
        this.listValues = shape.listValues;
        this.keysetOrdinals = shape.keysetOrdinals;
        this.limitOrdinal = shape.limitOrdinal;
        this.runs = shape.runs;
    }

    /** @return this analysis for another text of the same shape: other literal values, the same learning */
    SqlInfo withLiteralHashes(long literalsHash, long filterLiteralsHash) {
        return new SqlInfo(this, literalsHash, filterLiteralsHash);
    }

    /** @return how many executions of this shape a new scope leaves untraced ({@link ScopeRuns#untraced()}) */
    int untracedRuns() {
        return runs.untraced();
    }

    /** Learns from a closed scope that ran this shape {@code executions} times, quietly or not ({@link ScopeRuns}). */
    void ranInScope(int executions, boolean quiet) {
        runs.ranInScope(executions, quiet);
    }

    /**
     * @return for keyset paging ({@code where id > ? order by id limit ?}), the paging ordinals
     *     plus the placeholders compared by a range operator, ascending; otherwise empty
     */
    public int[] keysetOrdinals() {
        return keysetOrdinals;
    }

    /** @return the 1-based ordinal of the placeholder bound to LIMIT/FETCH FIRST/TOP, or 0 */
    public int limitOrdinal() {
        return limitOrdinal;
    }

    /** @return values (parameters or literals) in IN lists of two or more values: keys a plain statement carries */
    public int listValues() {
        return listValues;
    }

    /** @return bind parameters sitting in IN lists of two or more values ({@code id in (?, ?, ?)}) */
    public int listParameters() {
        return listParameters;
    }

    /** @return bind parameters outside such lists, paging values left out ({@code city = ?}) */
    public int otherParameters() {
        return otherParameters;
    }

    /** @return the normalized statement: no comments, literals as {@code ?}, lists collapsed */
    public String fingerprint() {
        return fingerprint;
    }

    /** @return the statement's kind */
    public SqlType type() {
        return type;
    }

    /** @return the 1-based ordinals of {@code ?} placeholders bound to LIMIT/OFFSET/FETCH/TOP, ascending */
    public int[] pagingOrdinals() {
        return pagingOrdinals;
    }

    /** @return a hash of every literal in the statement text */
    public long literalsHash() {
        return literalsHash;
    }

    /** @return a hash of the literals that are not paging values */
    public long filterLiteralsHash() {
        return filterLiteralsHash;
    }

    /** @return whether the statement looks rows up by a list of two or more values ({@code in (?, ?)}) */
    public boolean batchedLookup() {
        return batchedLookup;
    }

    /** @return whether the statement fetches a sequence or identity value ({@link KeyFetches}) */
    public boolean keyFetch() {
        return keyFetch;
    }

    @Override
    public String toString() {
        return "SqlInfo[" + type.tagValue() + ": " + fingerprint + ']';
    }
}
