package dev.perfmon.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load mode's report as printed on stdout, read back into numbers: the client's phase table and,
 * from perfmon's report, the request table, the time breakdown and the caches. Each table is the
 * lines after its heading up to the blank line that ends it; the route column is 22 characters
 * wide, and a longer route stands whole on a line of its own above its numbers.
 */
final class PrintedReport {

    private static final int ROUTE = 22;
    private static final Pattern CACHE = Pattern.compile("(.{" + ROUTE + "}) hit ratio +\\S+ %  (\\d+) hits, (\\d+) misses");

    private final List<String> lines;

    PrintedReport(String stdout) {
        this.lines = stdout.lines().toList();
    }

    /** A row of a table keyed by its first column. */
    record Row(String name, long requests, long failures) {
    }

    /** A cache's line, or {@code all} for the totals. */
    record Cache(String name, long hits, long misses) {
    }

    /** @return whether a line starts with {@code heading} */
    boolean has(String heading) {
        return lines.stream().anyMatch(line -> line.startsWith(heading));
    }

    /** @return the load client's phases with their request counts, in order */
    List<Row> phases() {
        List<Row> rows = new ArrayList<>();
        for (String line : body("== load client: what the users saw, per phase", true)) {
            String[] cells = line.trim().split(" +");
            rows.add(new Row(cells[0], Long.parseLong(cells[1]), -1));
        }
        return rows;
    }

    /** @return perfmon's request table: the {@code all} row first, then one row per route */
    List<Row> requests() {
        List<Row> rows = new ArrayList<>();
        for (String[] row : rows(body("-- Requests (latency in ms", true))) {
            String[] cells = row[1].split(" +");
            rows.add(new Row(row[0], Long.parseLong(cells[0]), Long.parseLong(cells[2])));
        }
        return rows;
    }

    /** @return the time breakdown's routes (uri only) with their request counts */
    List<Row> breakdown() {
        List<Row> rows = new ArrayList<>();
        for (String[] row : rows(body("-- Where the time goes", true))) {
            rows.add(new Row(row[0], Long.parseLong(row[1].split(" +")[0]), -1));
        }
        return rows;
    }

    /** @return the caches, then {@code all} when there is more than one */
    List<Cache> caches() {
        List<Cache> caches = new ArrayList<>();
        for (String line : body("-- Caches", false)) {
            Matcher m = CACHE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a cache line: " + line);
            }
            caches.add(new Cache(m.group(1).trim(), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        }
        return caches;
    }

    /** @return each row as {name, numbers}: a name too long for the column stands on the lines above its numbers */
    private static List<String[]> rows(List<String> body) {
        List<String[]> rows = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (String line : body) {
            boolean numbersOnly = line.length() > ROUTE && line.substring(0, ROUTE).isBlank();
            boolean nameOnly = !numbersOnly && !line.contains("  ");
            if (nameOnly) {
                name.append(line);
                continue;
            }
            String rowName = numbersOnly ? name.toString() : line.substring(0, ROUTE).trim();
            rows.add(new String[] {rowName, line.substring(ROUTE).trim()});
            name.setLength(0);
        }
        return rows;
    }

    private List<String> body(String heading, boolean headerRow) {
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(heading)) {
            at++;
        }
        if (at == lines.size()) {
            throw new AssertionError("no section " + heading);
        }
        int from = at + 1 + (headerRow ? 1 : 0);
        int to = from;
        while (to < lines.size() && !lines.get(to).isBlank()) {
            to++;
        }
        return lines.subList(from, to);
    }
}
