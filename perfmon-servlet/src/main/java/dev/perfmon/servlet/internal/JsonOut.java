package dev.perfmon.servlet.internal;

import org.jspecify.annotations.Nullable;

/** Appends JSON values: strings escaped for JSON and safe inside HTML, non-finite numbers as null. */
public final class JsonOut {

    private JsonOut() {
    }

    public static StringBuilder string(StringBuilder out, @Nullable String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '<':
                case '>':
                case '&':
                case '\u2028':
                case '\u2029':
                    unicode(out, c);
                    break;
                default:
                    if (c < 0x20) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }

    public static StringBuilder number(StringBuilder out, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return out.append("null");
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return out.append((long) value);
        }
        return out.append(value);
    }

    /** Appends a member after the first of an object: {@code ,"name":} and the escaped string. */
    public static StringBuilder string(StringBuilder out, String name, @Nullable String value) {
        return string(out.append(",\"").append(name).append("\":"), value);
    }

    /** Appends a member after the first of an object: {@code ,"name":} and the number. */
    public static StringBuilder number(StringBuilder out, String name, double value) {
        return number(out.append(",\"").append(name).append("\":"), value);
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
