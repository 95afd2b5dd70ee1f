package dev.perfmon.test.internal;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.ExecutedStatement;
import dev.perfmon.jdbc.LoggedScope;
import dev.perfmon.jdbc.NPlusOneDetected;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The message of a failed test: each finding with its statement shape, counts, call sites,
 * association and route, and each broken budget with the statements it counted. Never a
 * parameter value: statements appear as fingerprints.
 */
public final class FailureMessage {

    /** Longest fingerprint written whole. */
    static final int MAX_SQL = 400;
    private static final String NL = System.lineSeparator();

    private final String ownRoute;
    private final StringBuilder b = new StringBuilder(512);
    private int problems;

    private FailureMessage(String ownRoute) {
        this.ownRoute = ownRoute;
    }

    /** A budget and the round trips that broke it. */
    public record BrokenBudget(Budget budget, long ran) {
    }

    /**
     * @param test the test's name, {@code OrderTest.lists()}
     * @param ownRoute the route of the scope around the test method
     * @param findings the N+1 and duplicate findings that fail the test
     * @param broken the budgets it broke
     * @param scopes every scope that ran SQL during the test
     * @return the message, or {@code null} when nothing fails the test
     */
    public static @Nullable String of(String test, String ownRoute, List<PerfMonEvent> findings, List<BrokenBudget> broken,
                            List<LoggedScope> scopes) {
        if (findings.isEmpty() && broken.isEmpty()) {
            return null;
        }
        FailureMessage message = new FailureMessage(ownRoute);
        message.b.append("perfmon: ").append(test).append(' ').append(headline(findings, broken)).append(NL);
        for (PerfMonEvent finding : findings) {
            message.finding(finding);
        }
        for (BrokenBudget budget : broken) {
            message.budget(budget, scopes);
        }
        return message.b.toString();
    }

    private static String headline(List<PerfMonEvent> findings, List<BrokenBudget> broken) {
        int nPlusOne = 0;
        for (PerfMonEvent finding : findings) {
            if (finding instanceof NPlusOneDetected) {
                nPlusOne++;
            }
        }
        int duplicates = findings.size() - nPlusOne;
        List<String> parts = new ArrayList<>(3);
        if (nPlusOne > 0) {
            parts.add(nPlusOne + (nPlusOne == 1 ? " N+1 query" : " N+1 queries"));
        }
        if (duplicates > 0) {
            parts.add(duplicates + (duplicates == 1 ? " duplicate query" : " duplicate queries"));
        }
        String ran = parts.isEmpty() ? "" : "ran " + String.join(" and ", parts);
        if (broken.isEmpty()) {
            return ran;
        }
        String budgets = "broke " + broken.size() + (broken.size() == 1 ? " statement budget" : " statement budgets");
        return ran.isEmpty() ? budgets : ran + " and " + budgets;
    }

    private void finding(PerfMonEvent event) {
        b.append(NL).append(++problems).append(") ");
        if (event instanceof NPlusOneDetected f) {
            header("N+1 query", f.route(), f.count(), f.distinctParameterSets(), f.dataSource());
            detail(f.fingerprint(), f.callSites(), f.association(), f.suggestion());
        } else if (event instanceof DuplicateQuery f) {
            header("Duplicate query", f.route(), f.count(), f.distinctParameterSets(), f.dataSource());
            detail(f.fingerprint(), Map.of(f.callSite(), f.count()), f.association(), f.suggestion());
        } else {
            b.append(event.kind()).append(": ").append(event.summary()).append(NL);
        }
    }

    private void header(String what, String route, int count, int distinct, String dataSource) {
        b.append(what).append(' ').append(where(route)).append(": ").append(count).append(" executions with ")
                .append(distinct).append(distinct == 1 ? " parameter set" : " parameter sets")
                .append(" [datasource ").append(dataSource).append(']').append(NL);
    }

    private void detail(String fingerprint, Map<String, Integer> callSites, @Nullable String association,
                        String suggestion) {
        b.append("     ").append(sql(fingerprint)).append(NL);
        sites(callSites, "     ");
        if (association != null) {
            b.append("     via ").append(association).append(NL);
        }
        b.append("     consider ").append(suggestion).append(NL);
    }

    private void budget(BrokenBudget broken, List<LoggedScope> scopes) {
        Budget budget = broken.budget();
        b.append(NL).append(++problems).append(") Statement budget: expected ").append(budget.expectation())
                .append(", ").append(broken.ran()).append(" ran").append(NL);
        List<Line> lines = new ArrayList<>();
        for (LoggedScope scope : scopes) {
            for (ExecutedStatement statement : scope.statements()) {
                if (budget.counts(statement.type())) {
                    lines.add(new Line(scope.route(), statement));
                }
            }
        }
        lines.sort((x, y) -> Integer.compare(y.statement.count(), x.statement.count()));
        int width = lines.isEmpty() ? 1 : Integer.toString(lines.get(0).statement.count()).length();
        for (Line line : lines) {
            ExecutedStatement s = line.statement;
            b.append("   ").append(String.format(Locale.ROOT, "%" + width + "d", s.count())).append(" x ")
                    .append(sql(s.fingerprint())).append("  [").append(s.type().name().toLowerCase(Locale.ROOT))
                    .append(", datasource ").append(s.dataSource()).append("] ").append(where(line.route)).append(NL);
            sites(s.callSites(), "   " + " ".repeat(width) + "   ");
        }
    }

    private void sites(Map<String, Integer> callSites, String indent) {
        for (Map.Entry<String, Integer> site : callSites.entrySet()) {
            b.append(indent).append("at ").append(site.getKey()).append(" x").append(site.getValue()).append(NL);
        }
    }

    private String where(String route) {
        return route.equals(ownRoute) ? "in the test method" : "on route " + route;
    }

    private static String sql(String fingerprint) {
        return fingerprint.length() <= MAX_SQL ? fingerprint : fingerprint.substring(0, MAX_SQL) + "...";
    }

    private record Line(String route, ExecutedStatement statement) {
    }
}
