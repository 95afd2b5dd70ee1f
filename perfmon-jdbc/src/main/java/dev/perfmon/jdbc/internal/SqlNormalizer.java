package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;

/**
 * Turns SQL text into a fingerprint in one pass, without a grammar: comments are stripped,
 * whitespace collapsed, identifiers and keywords folded to lower case (quoted identifiers kept
 * as written), literals (strings, numbers, booleans, NULL outside {@code IS [NOT] NULL})
 * replaced by {@code ?}, IN lists of placeholders collapsed to {@code in (?)}, repeated
 * VALUES rows collapsed to one, LIMIT/OFFSET/FETCH values normalized to {@code ?}.
 *
 * <p>It is a lexer, not a parser: vendor syntax passes through as tokens, unbalanced quotes
 * and parentheses end the scan gracefully, and the output is capped, so any input yields a
 * fingerprint in linear time. Callers still guard against the unexpected with
 * {@link #analyseSafely(String)}.
 */
public final class SqlNormalizer {

    /** Fingerprints longer than this are cut and marked with a hash of the full text. */
    static final int MAX_FINGERPRINT = 4096;

    private static final byte NONE = 0;
    private static final byte WORD = 1;
    private static final byte VALUE = 2;
    private static final byte PUNCT = 3;
    private static final byte OPEN = 4;
    private static final byte CLOSE = 5;
    private static final byte COMMA = 6;
    private static final byte QUOTED = 7;

    private static final byte FRAME_OTHER = 0;
    private static final byte FRAME_IN = 1;
    private static final byte FRAME_ROW = 2;

    private final String s;
    private final int n;
    private final StringBuilder out;
    private int i;
    private boolean space;
    private boolean truncated;

    private byte lastTok = NONE;
    private String lastWord = "";
    private byte lastClosedKind = FRAME_OTHER;
    private boolean commaAfterRow;

    private int depth;
    private int[] frameStart = new int[8];
    private byte[] frameKind = new byte[8];
    private boolean[] frameSimple = new boolean[8];
    private int[] frameItems = new int[8];
    /** Per frame: how many filter values (bind parameters or literals, not paging) it holds directly. */
    private int[] frameValues = new int[8];
    /** Per frame: how many of those values are bind parameters. */
    private int[] frameParams = new int[8];
    /** Per container depth: where the previous VALUES row starts and ends in {@link #out}. */
    private int[] rowStart = new int[9];
    private int[] rowEnd = new int[9];

    private int placeholders;
    private int[] paging = SqlInfo.NO_ORDINALS;
    private int pagingCount;
    private boolean pagingArmed;
    private boolean limitCommaAllowed;
    private long literalsHash = Hashes.SEED;
    private long filterHash = Hashes.SEED;
    /** Filter values of the statement, and those of them that sit in IN lists. */
    private int filterParams;
    private int listParams;
    private int keyLists;
    /** Keyset paging: placeholders compared by a range operator, ORDER BY and a row limit seen. */
    private int[] cursors = SqlInfo.NO_ORDINALS;
    private int cursorCount;
    private boolean rangeArmed;
    private char lastPunct;
    private boolean orderBy;
    private boolean rowLimit;
    private boolean limitOne;
    private boolean limitArmed;
    private int limitOrdinal;
    private int listValues;

    private @Nullable String firstWord;
    private String previousWord = "";
    private @Nullable SqlType type;

    /** Where each literal starts and ends and whether it is a paging value, when asked for. */
    private final @Nullable LiteralSpans spans;

    private SqlNormalizer(String sql, @Nullable LiteralSpans spans) {
        this.s = sql;
        this.spans = spans;
        this.n = sql.length();
        this.out = new StringBuilder(Math.min(n, MAX_FINGERPRINT) + 16);
        Arrays.fill(rowStart, -1);
    }

    /**
     * Analyses SQL text; never throws. Text the lexer cannot handle still gets a stable
     * fingerprint that reveals nothing of its values.
     *
     * @param sql the statement text, may be {@code null}
     * @return its analysis
     */
    public static SqlInfo analyseSafely(@Nullable String sql) {
        if (sql == null) {
            return new SqlInfo("", SqlType.OTHER, SqlInfo.NO_ORDINALS, Hashes.SEED, Hashes.SEED, false);
        }
        try {
            return new SqlNormalizer(sql, null).run();
        } catch (RuntimeException | StackOverflowError e) {
            return unparsed(sql);
        }
    }

    /**
     * Analyses SQL text like {@link #analyseSafely(String)} and records its literals' spans.
     *
     * @return the analysis, or {@code null} if the text could not be analysed normally
     */
    static @Nullable SqlInfo analyseRecording(String sql, LiteralSpans spans) {
        try {
            return new SqlNormalizer(sql, spans).run();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** @return the fingerprint of {@code sql} (see the class comment) */
    public static String fingerprint(String sql) {
        return analyseSafely(sql).fingerprint();
    }

    static SqlInfo unparsed(String sql) {
        long hash = hashRange(sql, 0, sql.length());
        return new SqlInfo("unparsed sql #" + Long.toHexString(hash), SqlType.OTHER, SqlInfo.NO_ORDINALS,
                hash, hash, false);
    }

    private SqlInfo run() {
        while (i < n) {
            char c = s.charAt(i);
            if (c <= ' ' || Character.isWhitespace(c)) {
                i++;
                space = true;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                stringLiteralFrom(i, false);
            } else if (c == '"' || c == '`') {
                quotedIdentifier(c);
            } else if (c == '$' && isDollarQuoteStart()) {
                dollarQuoted();
            } else if (c == '$' && isDigit(peek(1))) {
                i++;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                placeholderLike(false);
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number(i);
            } else if ((c == '-' || c == '+') && (isDigit(peek(1)) || (peek(1) == '.' && isDigit(peek(2))))
                    && signAllowed()) {
                number(i++);
            } else if (isIdentifierStart(c)) {
                word();
            } else if (c == '?') {
                if (peek(1) == '?') {
                    i += 2;
                    punct("??");
                } else {
                    i++;
                    placeholderLike(true);
                }
            } else if (c == '(') {
                i++;
                open();
            } else if (c == ')') {
                i++;
                close();
            } else if (c == ',') {
                i++;
                comma();
            } else if (c == ';') {
                // Statement separators do not change what the statement does.
                i++;
                space = true;
            } else {
                i++;
                punct(String.valueOf(c));
            }
        }
        String fingerprint = out.toString();
        if (truncated) {
            fingerprint = fingerprint + " ... #" + Long.toHexString(hashRange(s, 0, n));
            if (spans != null) {
                spans.wholeText();
            }
        }
        int[] ordinals = pagingCount == 0 ? SqlInfo.NO_ORDINALS : Arrays.copyOf(paging, pagingCount);
        int[] cursorOrdinals = SqlInfo.NO_ORDINALS;
        if (orderBy && rowLimit && !limitOne && cursorCount > 0) {
            // Keyset paging (where id > ? order by id limit ?): the cursor values are paging values too.
            cursorOrdinals = Arrays.copyOf(ordinals, ordinals.length + cursorCount);
            System.arraycopy(cursors, 0, cursorOrdinals, ordinals.length, cursorCount);
            Arrays.sort(cursorOrdinals);
        }
        return new SqlInfo(fingerprint, type != null ? type : typeOfFirstWord(), ordinals,
                literalsHash, filterHash, isBatchedLookup(), KeyFetches.matches(fingerprint), listParams,
                filterParams - listParams, listValues, cursorOrdinals, limitOrdinal);
    }

    /**
     * A lookup by a list of keys ({@code where post_id in (?, ?, ?)}) is what batch fetching
     * sends: the fix for N+1, not an instance of it. Only when every bind parameter of the
     * statement (paging left out) is in such lists: a per-row query that also filters by a fixed
     * list ({@code where post_id = ? and status in ('A', 'B')}) is still analysed, while a batch
     * fetch with a fixed restriction ({@code where id in (?, ?) and deleted = 0}) is not.
     */
    private boolean isBatchedLookup() {
        return keyLists > 0 && listParams == filterParams;
    }

    // ---- lexing ------------------------------------------------------------------------------

    private char peek(int ahead) {
        int at = i + ahead;
        return at < n ? s.charAt(at) : '\0';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isLetter(c));
    }

    static boolean isIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    private void skipLineComment() {
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
        space = true;
    }

    private void skipBlockComment() {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        space = true;
    }

    /**
     * A string literal whose opening quote is at {@link #i}; {@code start} includes any prefix,
     * {@code backslashEscapes} for E'...' strings. Unterminated literals run to the end.
     */
    private void stringLiteralFrom(int start, boolean backslashEscapes) {
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    i += 2;
                } else {
                    i++;
                    break;
                }
            } else {
                i++;
            }
        }
        i = Math.min(i, n);
        literal(start, i);
    }

    private void quotedIdentifier(char quote) {
        int start = i;
        i++;
        while (i < n) {
            if (s.charAt(i) == quote) {
                if (peek(1) == quote) {
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            i++;
        }
        i = Math.min(i, n);
        emit(s.substring(start, Math.min(i, start + MAX_FINGERPRINT)), QUOTED);
        lastWord = "";
    }

    private boolean isDollarQuoteStart() {
        if (lastTok == WORD && !space) {
            return false;
        }
        int j = i + 1;
        while (j < n && isIdentifierPart(s.charAt(j)) && s.charAt(j) != '$') {
            j++;
        }
        return j < n && s.charAt(j) == '$' && (j == i + 1 || !isDigit(s.charAt(i + 1)));
    }

    private void dollarQuoted() {
        int start = i;
        int tagEnd = s.indexOf('$', i + 1);
        String tag = s.substring(i, tagEnd + 1);
        int close = s.indexOf(tag, tagEnd + 1);
        i = close < 0 ? n : close + tag.length();
        literal(start, i);
    }

    private void number(int start) {
        i = numberEnd(s, i);
        literal(start, i);
    }

    /** @return where the number literal starting at {@code i} ends (hex, decimal, exponent) */
    static int numberEnd(String s, int i) {
        int n = s.length();
        if (s.charAt(i) == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            i += 2;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
            return i;
        }
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int save = i;
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i < n && isDigit(s.charAt(i))) {
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            } else {
                i = save;
            }
        }
        return i;
    }

    /** A sign is part of a number only where a binary operator cannot be. */
    private boolean signAllowed() {
        return lastTok == NONE || lastTok == OPEN || lastTok == COMMA || lastTok == PUNCT
                || (lastTok == WORD && isOperatorWord(lastWord));
    }

    private static boolean isOperatorWord(String word) {
        switch (word) {
            case "select": case "where": case "and": case "or": case "not": case "then": case "else": case "when":
            case "return": case "values": case "set": case "limit": case "offset": case "by": case "between":
            case "in": case "like": case "is": case "case": case "on": case "having": case "first": case "next":
                return true;
            default:
                return false;
        }
    }

    private void word() {
        int start = i;
        while (i < n && isIdentifierPart(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '\'' && i - start == 1) {
            // Escape, national, bit and hex string literals: E'..', N'..', B'..', X'..'.
            char prefix = Character.toLowerCase(s.charAt(start));
            if (prefix == 'e' || prefix == 'n' || prefix == 'b' || prefix == 'x') {
                stringLiteralFrom(start, prefix == 'e');
                return;
            }
        }
        String word = lowerCase(start, i);
        String previousWord = this.previousWord;
        if ((word.equals("true") || word.equals("false"))
                || (word.equals("null") && !lastWord.equals("is") && !lastWord.equals("not"))) {
            literal(start, i);
            return;
        }
        boolean armPaging = word.equals("limit") || word.equals("offset") || word.equals("top")
                || ((word.equals("first") || word.equals("next")) && lastWord.equals("fetch"));
        emit(word, WORD);
        lastWord = word;
        if (firstWord == null) {
            firstWord = word;
        } else if (type == null && depth == 0 && firstWord.equals("with")) {
            switch (word) {
                case "select": case "insert": case "update": case "delete":
                    type = SqlType.ofVerb(word);
                    break;
                case "merge":
                    type = SqlType.OTHER;
                    break;
                default:
                    break;
            }
        }
        pagingArmed = armPaging;
        limitCommaAllowed = word.equals("limit");
        if (word.equals("by") && "order".equals(previousWord)) {
            orderBy = true;
        }
        boolean limits = word.equals("limit") || word.equals("top")
                || ((word.equals("first") || word.equals("next")) && "fetch".equals(previousWord));
        if (limits || word.equals("rownum")) {
            rowLimit = true;
        }
        limitArmed = limits;
        rangeArmed = false;
        this.previousWord = word;
    }

    private String lowerCase(int start, int end) {
        boolean lower = true;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z' || c > 127) {
                lower = false;
                break;
            }
        }
        String word = s.substring(start, Math.min(end, start + MAX_FINGERPRINT));
        return lower ? word : word.toLowerCase(java.util.Locale.ROOT);
    }

    // ---- tokens ------------------------------------------------------------------------------

    private void literal(int start, int end) {
        if (limitArmed && end - start == 1 && s.charAt(start) == '1') {
            limitOne = true;
        }
        long hash = hashRange(s, start, end);
        if (spans != null) {
            spans.add(start, end, pagingArmed);
        }
        literalsHash = Hashes.mix(literalsHash, hash);
        if (pagingArmed) {
            afterPagingValue();
        } else {
            filterHash = Hashes.mix(filterHash, hash);
            countFilterValue(false);
        }
        emitValue();
    }

    /** A {@code ?} (or a {@code $1} native placeholder, which has no JDBC ordinal). */
    private void placeholderLike(boolean jdbcPlaceholder) {
        if (!pagingArmed) {
            countFilterValue(true);
        }
        if (jdbcPlaceholder) {
            placeholders++;
            if (rangeArmed && !pagingArmed) {
                if (cursorCount == cursors.length) {
                    cursors = Arrays.copyOf(cursors, Math.max(4, cursorCount * 2));
                }
                cursors[cursorCount++] = placeholders;
            }
            if (limitArmed) {
                limitOrdinal = placeholders;
            }
            if (pagingArmed) {
                if (pagingCount == paging.length) {
                    paging = Arrays.copyOf(paging, Math.max(4, pagingCount * 2));
                }
                paging[pagingCount++] = placeholders;
            }
        }
        if (pagingArmed) {
            afterPagingValue();
        }
        emitValue();
    }

    private void countFilterValue(boolean parameter) {
        if (parameter) {
            filterParams++;
        }
        if (depth > 0) {
            frameValues[depth - 1]++;
            if (parameter) {
                frameParams[depth - 1]++;
            }
        }
    }

    private void afterPagingValue() {
        pagingArmed = false;
    }

    private void emitValue() {
        boolean keepComma = limitCommaAllowed;
        emit("?", VALUE);
        limitCommaAllowed = keepComma;
    }

    private void punct(String text) {
        char c = text.length() == 1 ? text.charAt(0) : '\0';
        boolean range;
        if (c == '>' && lastTok == PUNCT && lastPunct == '<') {
            range = false;                                  // <> is not a range
        } else if (c == '=' && lastTok == PUNCT && (lastPunct == '<' || lastPunct == '>')) {
            range = rangeArmed;                             // >=, <=
        } else {
            range = c == '>' || c == '<';
        }
        emit(text, PUNCT);
        rangeArmed = range;
        limitArmed = false;
        lastPunct = c;
    }

    private void open() {
        byte kind = FRAME_OTHER;
        if (lastTok == WORD && lastWord.equals("in")) {
            kind = FRAME_IN;
        } else if ((lastTok == WORD && lastWord.equals("values")) || (lastTok == COMMA && commaAfterRow)) {
            kind = FRAME_ROW;
            if (lastTok == WORD && depth < rowStart.length) {
                rowStart[depth] = -1;
            }
        }
        emit("(", OPEN);
        if (depth == frameStart.length) {
            int size = depth * 2;
            frameStart = Arrays.copyOf(frameStart, size);
            frameKind = Arrays.copyOf(frameKind, size);
            frameSimple = Arrays.copyOf(frameSimple, size);
            frameItems = Arrays.copyOf(frameItems, size);
            frameValues = Arrays.copyOf(frameValues, size);
            frameParams = Arrays.copyOf(frameParams, size);
            int oldRows = rowStart.length;
            rowStart = Arrays.copyOf(rowStart, size + 1);
            rowEnd = Arrays.copyOf(rowEnd, size + 1);
            Arrays.fill(rowStart, oldRows, rowStart.length, -1);
        }
        frameStart[depth] = out.length() - 1;
        frameKind[depth] = kind;
        frameSimple[depth] = true;
        frameItems[depth] = 0;
        frameValues[depth] = 0;
        frameParams[depth] = 0;
        depth++;
    }

    private void close() {
        if (depth == 0) {
            // Unbalanced: keep the token, nothing to collapse.
            emit(")", CLOSE);
            lastClosedKind = FRAME_OTHER;
            return;
        }
        depth--;
        int start = frameStart[depth];
        byte kind = frameKind[depth];
        boolean simple = frameSimple[depth];
        int items = frameItems[depth] + (lastTok == OPEN ? 0 : 1);
        boolean empty = lastTok == OPEN;
        emit(")", CLOSE);
        if (!truncated) {
            if (kind == FRAME_IN && simple && !empty) {
                out.setLength(start);
                out.append("(?)");
                if (items >= 2 && frameValues[depth] == items) {
                    keyLists++;
                    listParams += frameParams[depth];
                    listValues += frameValues[depth];
                }
            } else if (kind == FRAME_ROW) {
                collapseRow(start);
            }
        }
        if (depth > 0 && !simple) {
            frameSimple[depth - 1] = false;
        }
        lastClosedKind = kind;
    }

    /** Drops a VALUES row identical to the previous one at the same depth. */
    private void collapseRow(int start) {
        int previous = rowStart[depth];
        if (previous >= 0) {
            int prevEnd = rowEnd[depth];
            int length = out.length() - start;
            if (length == prevEnd - previous && regionEquals(previous, start, length)) {
                out.setLength(prevEnd);
                return;
            }
        }
        rowStart[depth] = start;
        rowEnd[depth] = out.length();
    }

    private boolean regionEquals(int a, int b, int length) {
        for (int k = 0; k < length; k++) {
            if (out.charAt(a + k) != out.charAt(b + k)) {
                return false;
            }
        }
        return true;
    }

    private void comma() {
        boolean afterRow = lastTok == CLOSE && lastClosedKind == FRAME_ROW;
        boolean keepPaging = limitCommaAllowed && lastTok == VALUE;
        emit(",", COMMA);
        if (depth > 0) {
            frameItems[depth - 1]++;
        }
        commaAfterRow = afterRow;
        space = true;
        if (keepPaging) {
            pagingArmed = true;
        }
    }

    private void emit(String text, byte tok) {
        if (depth > 0 && tok != VALUE && tok != COMMA && tok != CLOSE && tok != OPEN) {
            frameSimple[depth - 1] = false;
        }
        if (!truncated) {
            if (out.length() + text.length() + 1 > MAX_FINGERPRINT) {
                truncated = true;
            } else {
                if (space && out.length() > 0 && tok != CLOSE && tok != COMMA && out.charAt(out.length() - 1) != '(') {
                    out.append(' ');
                }
                out.append(text);
            }
        }
        space = false;
        if (tok != WORD) {
            if (tok != VALUE && tok != COMMA) {
                pagingArmed = false;
            }
            lastWord = tok == QUOTED ? lastWord : "";
            limitCommaAllowed = false;
        }
        lastTok = tok;
        if (tok != PUNCT) {
            rangeArmed = false;
            limitArmed = false;
        }
    }

    private SqlType typeOfFirstWord() {
        return firstWord == null ? SqlType.OTHER : SqlType.ofVerb(firstWord);
    }

    static long hashRange(String text, int start, int end) {
        long h = 1125899906842597L;
        for (int k = start; k < end; k++) {
            h = 31 * h + text.charAt(k);
        }
        return h;
    }
}
