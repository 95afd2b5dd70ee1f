package dev.perfmon.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds source lines of test classes, so assertions on call sites ({@code Class.method(File.java:42)})
 * name the code they expect rather than a line number that drifts with every edit.
 */
public final class SourceLines {

    /**
     * System property naming the test source root, for a module that compiles these tests from
     * another module's sources (the Hibernate matrix); default {@code src/test/java} of the module.
     */
    public static final String SOURCES = "perfmon.test.sources";

    private SourceLines() {
    }

    /**
     * @return the 1-based line, within method {@code method} of {@code type}'s source file, of the
     *     first line containing {@code code}
     */
    public static int lineOf(Class<?> type, String method, String code) {
        Path source = Path.of(System.getProperty(SOURCES, "src/test/java"), type.getName().replace('.', '/') + ".java");
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException("tests run from the module directory (or set -D" + SOURCES + "); cannot read " + source, e);
        }
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" " + method + "(")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no method " + method + " in " + source);
        }
        for (int i = start; i < lines.size(); i++) {
            if (lines.get(i).contains(code)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line with '" + code + "' in " + method + " of " + source);
    }

    /** @return {@code Class.method(File.java:line)} for the line holding {@code code} in {@code method} */
    public static String callSite(Class<?> type, String method, String code) {
        return callSite(type, method, lineOf(type, method, code));
    }

    /** @return {@code Class.method(File.java:line)} */
    public static String callSite(Class<?> type, String method, int line) {
        return type.getName() + "." + method + "(" + type.getSimpleName() + ".java:" + line + ")";
    }
}
