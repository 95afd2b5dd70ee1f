package dev.perfmon.core.report.internal;

import dev.perfmon.core.report.Finding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the pool-exhaustion findings of a window say: how many episodes opened, the most threads
 * seen waiting, and which routes held the connections. The report sees findings only through
 * their kind, route and summary, so holders are read from the summary text perfmon-jdbc writes
 * ({@code ...; held by ROUTE (1.3 s, thread t), ROUTE (...); waiting: ...}), for both the opening
 * {@code pool.exhausted} and the closing {@code pool.exhaustion.ended} event. A summary in
 * another shape contributes its count and nothing else.
 */
final class PoolEpisodes {

    static final String EXHAUSTED = "pool.exhausted";
    /** An older spelling some publishers use for the opening event. */
    static final String EXHAUSTION = "pool.exhaustion";
    static final String ENDED = "pool.exhaustion.ended";

    private static final String HELD_BY = "; held by ";
    private static final String WAITING = "; waiting: ";
    private static final Pattern POOL = Pattern.compile("^pool '([^']*)'");
    private static final Pattern BUSY = Pattern.compile("(\\d+)/(\\d+) active");
    private static final Pattern WAITING_NOW = Pattern.compile("idle, (\\d+) waiting");
    private static final Pattern PEAK = Pattern.compile("\\(peak (\\d+)\\)|peak (\\d+) waiting");
    private static final Pattern HOLD = Pattern.compile("^([0-9.]+) (ms|s|min)\\b");

    private final long episodes;
    private final String pool;
    private final int busy;
    private final int max;
    private final int peakWaiting;
    private final Map<String, Double> holdSeconds;

    private PoolEpisodes(long episodes, String pool, int busy, int max, int peakWaiting,
                         Map<String, Double> holdSeconds) {
        this.episodes = episodes;
        this.pool = pool;
        this.busy = busy;
        this.max = max;
        this.peakWaiting = peakWaiting;
        this.holdSeconds = holdSeconds;
    }

    static PoolEpisodes of(List<Finding> findings) {
        long episodes = 0;
        String pool = null;
        int busy = -1;
        int max = -1;
        int peakWaiting = -1;
        Map<String, Double> holds = new HashMap<>();
        for (Finding f : findings) {
            boolean opened = f.kind().equals(EXHAUSTED) || f.kind().equals(EXHAUSTION);
            if (!opened && !f.kind().equals(ENDED)) {
                continue;
            }
            if (opened) {
                episodes += f.count();
            }
            String s = f.summary();
            Matcher m = POOL.matcher(s);
            if (pool == null && m.find()) {
                pool = m.group(1);
            }
            m = BUSY.matcher(s);
            if (m.find() && Integer.parseInt(m.group(1)) >= busy) {
                busy = Integer.parseInt(m.group(1));
                max = Integer.parseInt(m.group(2));
            }
            m = WAITING_NOW.matcher(s);
            if (m.find()) {
                peakWaiting = Math.max(peakWaiting, Integer.parseInt(m.group(1)));
            }
            m = PEAK.matcher(s);
            while (m.find()) {
                peakWaiting = Math.max(peakWaiting, Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
            }
            addHolders(s, holds);
        }
        return new PoolEpisodes(episodes, pool, busy, max, peakWaiting, holds);
    }

    /** Sums hold time per route over the items between "held by" and "waiting". */
    private static void addHolders(String summary, Map<String, Double> holds) {
        int start = summary.indexOf(HELD_BY);
        if (start < 0) {
            return;
        }
        start += HELD_BY.length();
        int end = summary.indexOf(WAITING, start);
        for (String item : splitTopLevel(summary.substring(start, end < 0 ? summary.length() : end))) {
            int open = item.indexOf(" (");
            if (open <= 0) {
                continue;
            }
            String route = item.substring(0, open).trim();
            if (route.equals("none")) {
                continue;
            }
            holds.merge(route, holdSeconds(item.substring(open + 2)), Double::sum);
        }
    }

    /** Splits on ", " outside parentheses: thread names and call sites sit inside them. */
    private static List<String> splitTopLevel(String text) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                items.add(text.substring(from, i).trim());
                from = i + 1;
            }
        }
        items.add(text.substring(from).trim());
        return items;
    }

    /** @return {@code 1.3 s}, {@code 197 ms}, {@code 3.5 min} in seconds; a tiny weight when unreadable */
    private static double holdSeconds(String text) {
        Matcher m = HOLD.matcher(text);
        if (!m.find()) {
            return 1e-3;
        }
        double value = Double.parseDouble(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms":
                return value / 1000;
            case "min":
                return value * 60;
            default:
                return value;
        }
    }

    /** @return pool-exhaustion episodes opened in the window */
    long episodes() {
        return episodes;
    }

    /** @return the pool the findings name, or null */
    String pool() {
        return pool;
    }

    /** @return the most connections seen busy when an episode opened, -1 if unknown */
    int busy() {
        return busy;
    }

    /** @return the pool's size as the findings give it, -1 if unknown */
    int max() {
        return max;
    }

    /** @return the most threads the findings saw waiting, -1 if unknown */
    int peakWaiting() {
        return peakWaiting;
    }

    /**
     * @return the routes that held the connections: the one with the most hold time in the
     *     findings and any others with at least half as much, at most three, most first
     */
    List<String> mainHolders() {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(holdSeconds.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> holders = new ArrayList<>();
        for (Map.Entry<String, Double> e : entries) {
            if (holders.size() == 3 || e.getValue() < entries.get(0).getValue() / 2) {
                break;
            }
            holders.add(e.getKey());
        }
        return holders;
    }
}
