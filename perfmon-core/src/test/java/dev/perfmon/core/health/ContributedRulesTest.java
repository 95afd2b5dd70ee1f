package dev.perfmon.core.health;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.ReportContribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Modules contribute their default rules through their diagnosis; core evaluates, exports and contains them. */
class ContributedRulesTest {

    @RegisterExtension
    final MonitorFixture f = new MonitorFixture();
    private final PerfMon perfMon = f.perfMon;
    private final PerfMonConfig config = f.config;

    /** A diagnosis contributing rules and nothing to the report. */
    private static Diagnosis contributing(String name, Function<PerfMonConfig, List<HealthRule>> rules) {
        return new Diagnosis() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<HealthRule> healthRules(PerfMonConfig config) {
                return rules.apply(config);
            }

            @Override
            public void diagnose(DiagnosisContext context, ReportContribution report) {
            }
        };
    }

    private static HealthRule depth(double value) {
        return HealthRule.builder("jobs.queue.depth").description("import queue depth").above(100, 1000)
                .forDuration(Duration.ZERO).query(RuleQuery.single(w -> value))
                .promQl("max_over_time(jobs_queue[$window])").build();
    }

    @Test
    void aPerfMonWithoutModulesEvaluatesAndExportsOnlyCoresRules() {
        HealthMonitor monitor = f.defaultMonitor();
        f.evaluate(monitor);

        assertThat(monitor.rules()).extracting(HealthRule::name)
                .containsExactlyElementsOf(HealthRules.defaults(config).stream().map(HealthRule::name).toList());
        assertThat(HealthRules.defaults(perfMon)).hasSize(8);
        assertThat(monitor.prometheusRules()).doesNotContain("hikaricp", "cache_gets");
    }

    @Test
    void aDiagnosisRegisteredAfterTheMonitorWasBuiltHasItsRulesEvaluatedGaugedAndExported() {
        HealthMonitor monitor = f.defaultMonitor();
        f.evaluate(monitor);
        assertThat(monitor.state("jobs.queue.depth")).isEqualTo(HealthState.OK);
        assertThat(f.registry.find(HealthMonitor.GAUGE).tag("rule", "jobs.queue.depth").gauge()).isNull();

        perfMon.diagnoses().register(contributing("jobs", c -> List.of(depth(250))));
        List<RuleStatus> statuses = f.evaluate(monitor);

        assertThat(statuses).filteredOn(s -> s.rule().equals("jobs.queue.depth")).singleElement()
                .satisfies(s -> assertThat(s.summary()).isEqualTo("import queue depth 250 > 100 (warning)"));
        assertThat(f.registry.get(HealthMonitor.GAUGE).tag("rule", "jobs.queue.depth").gauge().value()).isEqualTo(1);
        assertThat(monitor.rules()).hasSize(9).last().extracting(HealthRule::name).isEqualTo("jobs.queue.depth");
        assertThat(monitor.prometheusRules())
                .contains("- alert: PerfmonJobsQueueDepthWarning\n        expr: '(max_over_time(jobs_queue[5m])) > 100'");
        assertThat(HealthRules.defaults(perfMon)).extracting(HealthRule::name).endsWith("jobs.queue.depth");
    }

    @Test
    void aReportWithoutAMonitorJudgesItsWindowByTheContributedRulesToo() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        perfMon.diagnoses().register(contributing("jobs", c -> List.of(depth(2000))));
        f.clock.add(MonitorFixture.STEP);

        assertThat(reporter.report().health()).filteredOn(s -> s.rule().equals("jobs.queue.depth")).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(HealthState.CRITICAL));
    }

    @Test
    void theApplicationsOwnRuleOfTheSameNameWinsAndARemovedOneStaysOut() {
        perfMon.diagnoses().register(contributing("jobs", c -> List.of(depth(250))));
        HealthRule tuned = depth(250).toBuilder().above(500, 1000).build();

        HealthMonitor replaced = HealthMonitor.builder(perfMon).addRule(tuned).build();
        HealthMonitor removed = HealthMonitor.builder(perfMon).removeRule("jobs.queue.depth").build();
        HealthMonitor exact = f.monitor(HealthRules.cpu(config));

        assertThat(replaced.rules()).filteredOn(r -> r.name().equals("jobs.queue.depth")).containsExactly(tuned);
        f.evaluate(replaced);
        assertThat(replaced.state("jobs.queue.depth")).isEqualTo(HealthState.OK);
        assertThat(removed.rules()).extracting(HealthRule::name).doesNotContain("jobs.queue.depth");
        assertThat(exact.rules()).extracting(HealthRule::name).containsExactly("process.cpu");
    }

    @Test
    void aContributedRuleThatThrowsIsCountedUnderItsModuleAndTheOthersStillRun() {
        HealthRule broken = HealthRule.builder("jobs.broken").above(1, 2).query(w -> {
            throw new IllegalStateException("bug in a module's rule");
        }).build();
        perfMon.diagnoses().register(contributing("jobs", c -> List.of(broken, depth(250))));
        perfMon.diagnoses().register(contributing("refusing", c -> {
            throw new IllegalStateException("no rules today");
        }));
        HealthMonitor monitor = f.defaultMonitor();

        f.evaluate(monitor);
        f.evaluate(monitor);

        assertThat(perfMon.failureCount("health-rule.jobs")).isEqualTo(2);
        assertThat(perfMon.failureCount("health-rule.refusing")).isEqualTo(1);
        assertThat(perfMon.failureCount("health-rule")).isZero();
        assertThat(monitor.state("jobs.broken")).isEqualTo(HealthState.OK);
        assertThat(monitor.state("jobs.queue.depth")).isEqualTo(HealthState.WARNING);
        assertThat(f.registry.get("perfmon.internal.errors").tag("component", "health-rule.jobs").counter().count())
                .isEqualTo(2);
    }
}
