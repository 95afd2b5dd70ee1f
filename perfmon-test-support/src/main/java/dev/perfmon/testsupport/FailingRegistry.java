package dev.perfmon.testsupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import io.micrometer.core.instrument.noop.NoopLongTaskTimer;
import io.micrometer.core.instrument.noop.NoopTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link SimpleMeterRegistry} that fails the way broken registries do: it refuses to register
 * meters (a {@link MeterFilter} that throws, so gauges and binders fail too), or registers meters
 * whose records throw, or both. Names given to {@link #sparing} are exempt (with both failures
 * on, exempt from refusal only), so a test can keep {@code perfmon.internal.errors} working, or not.
 *
 * <p>It counts what it refused and the records it threw on, by meter name, so tests compare
 * perfmon's counts of lost measurements with the real number of failures.
 */
public final class FailingRegistry extends SimpleMeterRegistry {

    /** What the registry's refusals and throwing meters throw. */
    public static final class RegistryFailure extends RuntimeException {
        RegistryFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean refuseRegistration;
    private final boolean throwOnRecord;
    private volatile List<String> spared = List.of();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failedRecords = new ConcurrentHashMap<>();

    private FailingRegistry(boolean refuseRegistration, boolean throwOnRecord) {
        this.refuseRegistration = refuseRegistration;
        this.throwOnRecord = throwOnRecord;
        config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (FailingRegistry.this.refuseRegistration && !spared(id.getName())) {
                    tally(refused, id.getName());
                    throw new RegistryFailure("registry refuses " + id.getName());
                }
                return id;
            }
        });
    }

    /** @return a registry where every registration throws */
    public static FailingRegistry refusingRegistration() {
        return new FailingRegistry(true, false);
    }

    /** @return a registry whose counters, timers, summaries and long task timers throw on every record */
    public static FailingRegistry throwingOnRecord() {
        return new FailingRegistry(false, true);
    }

    /**
     * @return a registry that refuses every registration; the names it spares register, and
     *     their meters throw on every record
     */
    public static FailingRegistry failingBoth() {
        return new FailingRegistry(true, true);
    }

    /**
     * @param namePrefixes meter names (or their prefixes) that register and record normally
     * @return this registry
     */
    public FailingRegistry sparing(String... namePrefixes) {
        this.spared = List.of(namePrefixes);
        return this;
    }

    /** @return how many registrations were refused, all names */
    public long refusedRegistrations() {
        return sum(refused, "");
    }

    /** @return how many registrations of names starting with {@code prefix} were refused */
    public long refusedRegistrations(String prefix) {
        return sum(refused, prefix);
    }

    /** @return how many records threw, all names */
    public long failedRecords() {
        return sum(failedRecords, "");
    }

    /** @return how many records of meters whose names start with {@code prefix} threw */
    public long failedRecords(String prefix) {
        return sum(failedRecords, prefix);
    }

    private boolean spared(String name) {
        for (String prefix : spared) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private boolean throwsOn(Meter.Id id) {
        // With both failures on, sparing a name only lets it register: its records still throw.
        return throwOnRecord && (refuseRegistration || !spared(id.getName()));
    }

    private static void tally(Map<String, LongAdder> counts, String name) {
        counts.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    private static long sum(Map<String, LongAdder> counts, String prefix) {
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : counts.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                total += entry.getValue().sum();
            }
        }
        return total;
    }

    private RuntimeException recordFailure(Meter.Id id) {
        tally(failedRecords, id.getName());
        return new RegistryFailure("meter " + id.getName() + " throws on record");
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        if (!throwsOn(id)) {
            return super.newCounter(id);
        }
        return new NoopCounter(id) {
            @Override
            public void increment(double amount) {
                throw recordFailure(getId());
            }
        };
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
        if (!throwsOn(id)) {
            return super.newTimer(id, config, pauseDetector);
        }
        return new NoopTimer(id) {
            @Override
            public void record(long amount, TimeUnit unit) {
                throw recordFailure(getId());
            }

            @Override
            public void record(java.time.Duration duration) {
                throw recordFailure(getId());
            }
        };
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config, double scale) {
        if (!throwsOn(id)) {
            return super.newDistributionSummary(id, config, scale);
        }
        return new NoopDistributionSummary(id) {
            @Override
            public void record(double amount) {
                throw recordFailure(getId());
            }
        };
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
        if (!throwsOn(id)) {
            return super.newLongTaskTimer(id, config);
        }
        return new NoopLongTaskTimer(id) {
            @Override
            public Sample start() {
                throw recordFailure(getId());
            }
        };
    }
}
