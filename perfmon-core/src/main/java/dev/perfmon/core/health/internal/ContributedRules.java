package dev.perfmon.core.health.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.RuleQuery;
import dev.perfmon.core.report.spi.Diagnosis;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The health rules a PerfMon's diagnoses contribute, each query contained: a rule that throws
 * yields no value and is counted under {@code health-rule.<diagnosis name>}. Collected again
 * only when a diagnosis registers, so a monitor built before a module attaches still picks up
 * the module's rules.
 */
public final class ContributedRules {

    private final PerfMon perfMon;
    private @Nullable List<Diagnosis> seen;
    private List<HealthRule> rules = List.of();

    public ContributedRules(PerfMon perfMon) {
        this.perfMon = perfMon;
    }

    /** @return the contributed rules, in the order their diagnoses registered */
    public synchronized List<HealthRule> current() {
        List<Diagnosis> registered = perfMon.diagnoses().registered();
        if (registered != seen) {
            rules = collect(registered);
            seen = registered;
        }
        return rules;
    }

    private List<HealthRule> collect(List<Diagnosis> diagnoses) {
        List<HealthRule> out = new ArrayList<>();
        for (Diagnosis diagnosis : diagnoses) {
            String component = "health-rule." + diagnosis.name();
            try {
                for (HealthRule rule : diagnosis.healthRules(perfMon.config())) {
                    out.add(rule.toBuilder().query(contained(rule.query(), component)).build());
                }
            } catch (RuntimeException failure) {
                perfMon.recordFailure(component, failure);
            }
        }
        return List.copyOf(out);
    }

    private RuleQuery contained(RuleQuery query, String component) {
        return window -> {
            try {
                return query.evaluate(window);
            } catch (RuntimeException failure) {
                perfMon.recordFailure(component, failure);
                return Map.of();
            }
        };
    }
}
