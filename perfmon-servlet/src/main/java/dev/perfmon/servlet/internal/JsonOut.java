package dev.perfmon.servlet.internal;

import dev.perfmon.core.report.internal.JsonWriter;
import org.jspecify.annotations.Nullable;

/**
 * Appends JSON values as the report's {@link JsonWriter} writes them: strings escaped for JSON
 * and safe inside HTML, non-finite numbers as null.
 */
public final class JsonOut {

    private JsonOut() {
    }

    public static StringBuilder string(StringBuilder out, @Nullable String value) {
        return JsonWriter.string(out, value);
    }

    public static StringBuilder number(StringBuilder out, double value) {
        return JsonWriter.number(out, value);
    }

    /** Appends a member after the first of an object: {@code ,"name":} and the escaped string. */
    public static StringBuilder string(StringBuilder out, String name, @Nullable String value) {
        return string(out.append(",\"").append(name).append("\":"), value);
    }

    /** Appends a member after the first of an object: {@code ,"name":} and the number. */
    public static StringBuilder number(StringBuilder out, String name, double value) {
        return number(out.append(",\"").append(name).append("\":"), value);
    }
}
