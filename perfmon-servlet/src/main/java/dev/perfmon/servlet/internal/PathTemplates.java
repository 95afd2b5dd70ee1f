package dev.perfmon.servlet.internal;

import dev.perfmon.servlet.RouteResolver;

/**
 * Turns raw request paths into bounded route templates, and tidies route templates named by
 * frameworks. A path that is already a clean template is returned as the same instance, so the
 * common case allocates nothing.
 *
 * <p>A segment becomes {@code {id}} when it looks like data rather than a route word: digits
 * (with or without separators, as in dates and versions), a UUID, a hex string of 8 or more
 * characters with a digit, a mixed letter-and-digit token of 16 or more characters (or 10 or
 * more in mixed case), anything longer than 32 characters, and anything with a character
 * outside {@code A-Z a-z 0-9 - _ . ~} (percent-encoding, non-ASCII, {@code +}, ...). A short
 * alphanumeric extension is kept ({@code {id}.pdf}). Matrix parameters ({@code ;jsessionid=})
 * are dropped, duplicate and trailing slashes removed, and paths longer than
 * {@value #MAX_SEGMENTS} segments end in {@code /**}.
 */
public final class PathTemplates {

    /** Segments kept before the rest of a path is folded into {@code /**}. */
    public static final int MAX_SEGMENTS = 16;
    private static final int MAX_WORD = 32;
    private static final int MAX_EXPLICIT_LENGTH = 256;
    private static final int ID_LIKE = -1;
    private static final int NO_DOT = -2;

    private PathTemplates() {
    }

    /**
     * @param path a path within the application, without query string; may be empty
     * @return its route template, {@code root} for the application root
     */
    public static String template(String path) {
        int len = path.length();
        StringBuilder out = null;
        int w = 0; // while out == null, path[0, w) is the output so far
        int segments = 0;
        int i = 0;
        if (len > 0 && path.charAt(0) != '/') {
            out = TemplateBuffer.get();
        }
        while (i < len) {
            int s = i;
            while (s < len && path.charAt(s) == '/') {
                s++;
            }
            if (s == len) {
                break; // trailing slashes
            }
            int e = path.indexOf('/', s);
            if (e < 0) {
                e = len;
            }
            i = e;
            int semicolon = indexOf(path, ';', s, e);
            int end = semicolon >= 0 ? semicolon : e;
            if (end == s) {
                if (out == null) {
                    out = copy(path, w);
                }
                continue; // a segment that is only matrix parameters
            }
            if (segments == MAX_SEGMENTS) {
                if (out == null) {
                    out = copy(path, w);
                }
                out.append("/**");
                break;
            }
            segments++;
            int shape = classify(path, s, end);
            boolean wholeId = shape == ID_LIKE;
            int ext = shape > s ? extensionStart(path, shape, end) : -1;
            boolean nameId = ext > s + 1 && isIdLike(path, s, ext - 1);
            boolean unchanged = !wholeId && !nameId && end == e;
            if (out == null && unchanged && s == w + 1) {
                w = e;
                continue;
            }
            if (out == null) {
                out = copy(path, w);
            }
            out.append('/');
            if (wholeId) {
                out.append(RouteResolver.ID);
            } else if (nameId) {
                out.append(RouteResolver.ID).append(path, ext - 1, end);
            } else {
                out.append(path, s, end);
            }
        }
        if (out == null) {
            if (w == 0) {
                return RouteResolver.ROOT;
            }
            return w == len ? path : TemplateBuffer.intern(TemplateBuffer.get().append(path, 0, w));
        }
        return out.length() == 0 ? RouteResolver.ROOT : TemplateBuffer.intern(out);
    }

    /**
     * Tidies a route a framework or the application named: duplicate and trailing slashes
     * removed ({@code /} itself is kept), empty becomes {@code root}, query strings dropped,
     * and anything implausibly long is templated like a raw path.
     *
     * @param route a route template
     * @return the tidy route, the same instance when already tidy
     */
    public static String normalize(String route) {
        int len = route.length();
        if (len == 0) {
            return RouteResolver.ROOT;
        }
        if (len > MAX_EXPLICIT_LENGTH) {
            return template(route);
        }
        boolean tidy = route.charAt(len - 1) != '/' || len == 1;
        for (int i = 0; tidy && i < len; i++) {
            char c = route.charAt(i);
            if (c == '?' || c < 0x20 || (c == '/' && i + 1 < len && route.charAt(i + 1) == '/')) {
                tidy = false;
            }
        }
        if (tidy) {
            return route;
        }
        StringBuilder out = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            char c = route.charAt(i);
            if (c == '?') {
                break;
            }
            if (c < 0x20 || (c == '/' && out.length() > 0 && out.charAt(out.length() - 1) == '/')) {
                continue;
            }
            out.append(c);
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
            out.setLength(out.length() - 1);
        }
        return out.length() == 0 ? RouteResolver.ROOT : out.toString();
    }

    /** @return the index just after the dot when what follows it is a short alphanumeric extension, else -1 */
    private static int extensionStart(String path, int dot, int end) {
        int extLen = end - dot - 1;
        if (extLen < 1 || extLen > 8) {
            return -1;
        }
        for (int i = dot + 1; i < end; i++) {
            char c = path.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return -1;
            }
        }
        return dot + 1;
    }

    /** @return whether path[s, e) looks like data (an identifier, a token, free text) rather than a route word */
    static boolean isIdLike(String path, int s, int e) {
        return classify(path, s, e) == ID_LIKE;
    }

    /**
     * One pass over a segment.
     *
     * @return {@link #ID_LIKE} when path[s, e) looks like data; otherwise the index of its last
     *     '.', or {@link #NO_DOT}
     */
    private static int classify(String path, int s, int e) {
        int n = e - s;
        if (n > MAX_WORD) {
            return ID_LIKE;
        }
        int digits = 0;
        int hexLetters = 0;
        int upper = 0;
        int lower = 0;
        int lastDot = NO_DOT;
        for (int i = s; i < e; i++) {
            char c = path.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
                if (c <= 'f') {
                    hexLetters++;
                }
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
                if (c <= 'F') {
                    hexLetters++;
                }
            } else if (c == '.') {
                lastDot = i;
            } else if (c != '-' && c != '_' && c != '~') {
                return ID_LIKE; // percent-encoding, non-ASCII, punctuation: free text
            }
        }
        int letters = upper + lower;
        if (digits > 0 && letters == 0) {
            return ID_LIKE; // numbers, dates, versions
        }
        if (n == 36 && isUuid(path, s)) {
            return ID_LIKE;
        }
        if (digits > 0 && digits + hexLetters == n && n >= 8) {
            return ID_LIKE; // long hex
        }
        if (digits > 0 && letters > 0 && (n >= 16 || (n >= 10 && upper > 0 && lower > 0))) {
            return ID_LIKE; // opaque token
        }
        return lastDot;
    }

    private static boolean isUuid(String path, int s) {
        for (int i = 0; i < 36; i++) {
            char c = path.charAt(s + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(String path, char c, int from, int to) {
        int at = path.indexOf(c, from);
        return at >= 0 && at < to ? at : -1;
    }

    private static StringBuilder copy(String path, int w) {
        return TemplateBuffer.get().append(path, 0, w);
    }
}
