package dev.perfmon.jdbc.corpus;

import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.NPlusOneDetected;
import dev.perfmon.jdbc.NPlusOneRecorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict a corpus case expects from the detector, and its check against what a
 * {@link NPlusOneRecorder} collected: the kind of finding (N+1, duplicate or nothing), how many,
 * the association Hibernate names (or none), the executions and parameter sets, the statement,
 * and the application call site with its executions.
 */
final class Expected {

    /** What the detector should say about a case. */
    enum Verdict { N_PLUS_ONE, DUPLICATE, NOTHING }

    private final Verdict verdict;
    private final String route;
    private final String association;
    private final int executions;
    private final Map<String, Integer> callSites = new LinkedHashMap<>();
    private int distinctParameterSets = -1;
    private String statement;

    private Expected(Verdict verdict, String route, String association, int executions, String callSite) {
        this.verdict = verdict;
        this.route = route;
        this.association = association;
        this.executions = executions;
        if (callSite != null) {
            callSites.put(callSite, executions);
        }
    }

    /** An N+1 of {@code executions} round trips with as many parameter sets, all from {@code callSite}. */
    static Expected nPlusOne(String route, String association, int executions, String callSite) {
        Expected expected = new Expected(Verdict.N_PLUS_ONE, route, association, executions, callSite);
        expected.distinctParameterSets = executions;
        return expected;
    }

    /** A duplicate: {@code executions} round trips of one parameter set, from {@code callSite}. */
    static Expected duplicate(String route, String association, int executions, String callSite) {
        Expected expected = new Expected(Verdict.DUPLICATE, route, association, executions, callSite);
        expected.distinctParameterSets = 1;
        return expected;
    }

    /** Neither an N+1 nor a duplicate. */
    static Expected nothing() {
        return new Expected(Verdict.NOTHING, null, null, 0, null);
    }

    /** The finding's executions came from several call sites: {@code site, executions, site, executions...}. */
    Expected fromCallSites(Object... siteThenCount) {
        callSites.clear();
        int total = 0;
        for (int i = 0; i < siteThenCount.length; i += 2) {
            int count = (Integer) siteThenCount[i + 1];
            callSites.put((String) siteThenCount[i], count);
            total += count;
        }
        assertThat(total).as("executions of all call sites").isEqualTo(executions);
        return this;
    }

    /** The normalized statement, exactly. */
    Expected statement(String fingerprint) {
        this.statement = fingerprint;
        return this;
    }

    Expected distinctParameterSets(int value) {
        this.distinctParameterSets = value;
        return this;
    }

    /** Checks that {@code recorder} holds exactly the findings of {@code expected}, and nothing else. */
    static void verify(NPlusOneRecorder recorder, Expected... expected) {
        List<Expected> nPlusOnes = new ArrayList<>();
        List<Expected> duplicates = new ArrayList<>();
        for (Expected e : expected) {
            if (e.verdict == Verdict.N_PLUS_ONE) {
                nPlusOnes.add(e);
            } else if (e.verdict == Verdict.DUPLICATE) {
                duplicates.add(e);
            }
        }
        assertThat(recorder.nPlusOnes()).as("N+1 findings").hasSize(nPlusOnes.size());
        assertThat(recorder.duplicates()).as("duplicate findings").hasSize(duplicates.size());
        for (Expected e : nPlusOnes) {
            e.check(find(recorder.nPlusOnes(), e));
        }
        for (Expected e : duplicates) {
            e.check(findDuplicate(recorder.duplicates(), e));
        }
    }

    /** Checks this expectation, the only one of the case. */
    void verify(NPlusOneRecorder recorder) {
        verify(recorder, this);
    }

    private static NPlusOneDetected find(List<NPlusOneDetected> found, Expected e) {
        for (NPlusOneDetected finding : found) {
            if (Objects.equals(finding.association(), e.association)) {
                return finding;
            }
        }
        throw new AssertionError("no N+1 naming " + e.association + " among " + found);
    }

    private static DuplicateQuery findDuplicate(List<DuplicateQuery> found, Expected e) {
        for (DuplicateQuery finding : found) {
            if (Objects.equals(finding.association(), e.association)) {
                return finding;
            }
        }
        throw new AssertionError("no duplicate naming " + e.association + " among " + found);
    }

    private void check(NPlusOneDetected finding) {
        String what = finding.summary();
        assertThat(finding.route()).as(what).isEqualTo(route);
        assertThat(finding.association()).as(what).isEqualTo(association);
        assertThat(finding.count()).as(what).isEqualTo(executions);
        assertThat(finding.distinctParameterSets()).as(what).isEqualTo(distinctParameterSets);
        assertThat(finding.callSites()).as(what).containsExactlyInAnyOrderEntriesOf(callSites);
        assertThat(finding.callSite()).as(what).isEqualTo(busiest());
        if (statement != null) {
            assertThat(finding.fingerprint()).as(what).isEqualTo(statement);
        }
    }

    private void check(DuplicateQuery finding) {
        String what = finding.summary();
        assertThat(finding.route()).as(what).isEqualTo(route);
        assertThat(finding.association()).as(what).isEqualTo(association);
        assertThat(finding.count()).as(what).isEqualTo(executions);
        assertThat(finding.distinctParameterSets()).as(what).isEqualTo(distinctParameterSets);
        assertThat(finding.callSite()).as(what).isEqualTo(busiest());
        if (statement != null) {
            assertThat(finding.fingerprint()).as(what).isEqualTo(statement);
        }
    }

    private String busiest() {
        String best = null;
        int most = -1;
        for (Map.Entry<String, Integer> site : callSites.entrySet()) {
            if (site.getValue() > most) {
                best = site.getKey();
                most = site.getValue();
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return verdict + (association == null ? "" : " via " + association) + (executions == 0 ? "" : " x" + executions);
    }
}
