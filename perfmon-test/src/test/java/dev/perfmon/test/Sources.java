package dev.perfmon.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Call sites of test sources ({@code Class.method(File.java:42)}), found by the code on the line,
 * so expected messages name the code they mean rather than a line number that drifts with edits.
 */
final class Sources {

    private Sources() {
    }

    /** @return the call site of the first line holding {@code code} within {@code method} of {@code type} */
    static String site(Class<?> type, String method, String code) {
        Path source = Path.of("src/test/java", type.getName().replace('.', '/') + ".java");
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException("tests run from the module directory; cannot read " + source, e);
        }
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).contains(" " + method + "(")) {
                start = i;
            }
        }
        for (int i = Math.max(start, 0); start >= 0 && i < lines.size(); i++) {
            if (lines.get(i).contains(code)) {
                return type.getName() + '.' + method + '(' + type.getSimpleName() + ".java:" + (i + 1) + ')';
            }
        }
        throw new IllegalArgumentException("no line with '" + code + "' in " + method + " of " + source);
    }
}
