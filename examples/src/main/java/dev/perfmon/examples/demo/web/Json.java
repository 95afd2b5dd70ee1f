package dev.perfmon.examples.demo.web;

/**
 * A tiny JSON writer for the demo's responses, so the demo needs no JSON library. Callers
 * write structure with {@link #beginObject()}/{@link #name(String)}/... and get the text with
 * {@link #toString()}; commas are inserted automatically.
 */
public final class Json {

    private final StringBuilder out = new StringBuilder(256);
    private boolean needsComma;

    /** @return this writer after {@code {} */
    public Json beginObject() {
        comma();
        out.append('{');
        needsComma = false;
        return this;
    }

    /** @return this writer after {@code }} */
    public Json endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    /** @return this writer after {@code [} */
    public Json beginArray() {
        comma();
        out.append('[');
        needsComma = false;
        return this;
    }

    /** @return this writer after {@code ]} */
    public Json endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    /** Writes a member name; the next value belongs to it. */
    public Json name(String name) {
        comma();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    /** Writes a string value (or {@code null}). */
    public Json value(String value) {
        comma();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needsComma = true;
        return this;
    }

    /** Writes a number value. */
    public Json value(long value) {
        comma();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** Writes a number value; NaN and infinities become {@code null}. */
    public Json value(double value) {
        comma();
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("null");
        }
        needsComma = true;
        return this;
    }

    /** Writes a boolean value. */
    public Json value(boolean value) {
        comma();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** Writes already-encoded JSON as a value (a cached fragment). */
    public Json raw(String json) {
        comma();
        out.append(json);
        needsComma = true;
        return this;
    }

    private void comma() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
