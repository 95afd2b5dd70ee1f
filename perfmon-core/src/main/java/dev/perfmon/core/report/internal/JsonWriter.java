package dev.perfmon.core.report.internal;

import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (RFC 8259): objects and arrays nest, names and strings are
 * escaped (quotes, backslash, control characters, and {@code <}, {@code >}, {@code &},
 * U+2028/U+2029 so the output is safe inside an HTML script block), and non-finite numbers are
 * written as {@code null}. Output is indented by two spaces per level. Misuse (a value where a
 * name is due, unbalanced ends) throws {@link IllegalStateException}.
 */
public final class JsonWriter {

    private enum Scope { OBJECT_NAME, OBJECT_VALUE, ARRAY, TOP }

    private final StringBuilder out = new StringBuilder(1024);
    private final Deque<Scope> stack = new ArrayDeque<>();
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean done;

    public JsonWriter() {
        stack.push(Scope.TOP);
        empty.push(Boolean.TRUE);
    }

    public JsonWriter beginObject() {
        return begin('{', Scope.OBJECT_NAME);
    }

    public JsonWriter endObject() {
        if (stack.peek() != Scope.OBJECT_NAME) {
            throw new IllegalStateException("endObject outside an object or after a dangling name");
        }
        close('}');
        return this;
    }

    public JsonWriter beginArray() {
        return begin('[', Scope.ARRAY);
    }

    private JsonWriter begin(char bracket, Scope scope) {
        beforeValue();
        out.append(bracket);
        stack.push(scope);
        empty.push(Boolean.TRUE);
        return this;
    }

    public JsonWriter endArray() {
        if (stack.peek() != Scope.ARRAY) {
            throw new IllegalStateException("endArray outside an array");
        }
        close(']');
        return this;
    }

    public JsonWriter name(String name) {
        if (stack.peek() != Scope.OBJECT_NAME) {
            throw new IllegalStateException("name '" + name + "' outside an object or after another name");
        }
        separate();
        string(out, name);
        out.append(": ");
        stack.pop();
        stack.push(Scope.OBJECT_VALUE);
        return this;
    }

    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(out, value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes a number; NaN and infinities become {@code null}, integral values have no fraction. */
    public JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            return nullValue();
        }
        beforeValue();
        number(out, value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** @return the document; only once it is complete */
    public String toJson() {
        if (!done || stack.size() != 1) {
            throw new IllegalStateException("JSON document is incomplete");
        }
        return out.toString();
    }

    private void beforeValue() {
        Scope scope = stack.peek();
        if (scope == Scope.OBJECT_NAME) {
            throw new IllegalStateException("value where a name is due");
        }
        if (scope == Scope.TOP) {
            if (done) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            done = true;
            return;
        }
        if (scope == Scope.OBJECT_VALUE) {
            stack.pop();
            stack.push(Scope.OBJECT_NAME);
            return;
        }
        separate();
    }

    private void separate() {
        if (!empty.pop()) {
            out.append(',');
        }
        empty.push(Boolean.FALSE);
        newline(stack.size() - 1);
    }

    private void close(char bracket) {
        stack.pop();
        boolean wasEmpty = empty.pop();
        if (!wasEmpty) {
            newline(stack.size() - 1);
        }
        out.append(bracket);
    }

    private void newline(int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    /**
     * Appends a string literal, escaped as this writer escapes (safe inside an HTML script block
     * too), or {@code null}; for JSON built by hand, such as the dashboard's.
     */
    public static StringBuilder string(StringBuilder out, @Nullable String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                case '<': case '>': case '&': case '\u2028': case '\u2029':
                    unicode(out, c);
                    break;
                default:
                    if (c < 0x20 || loneSurrogate(value, i)) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }

    /** Appends a number: NaN and infinities as {@code null}, integral values without a fraction. */
    public static StringBuilder number(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            return out.append("null");
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return out.append((long) value);
        }
        return out.append(value);
    }

    /** A surrogate without its pair cannot be encoded as UTF-8; escaped, it survives as JSON text. */
    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int i = hex.length(); i < 4; i++) {
            out.append('0');
        }
        out.append(hex);
    }
}
