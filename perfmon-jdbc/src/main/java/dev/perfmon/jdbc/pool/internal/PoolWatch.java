package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.pool.ConnectionHolder;
import dev.perfmon.jdbc.pool.ExhaustionTrigger;
import dev.perfmon.jdbc.pool.LongConnectionHold;
import dev.perfmon.jdbc.pool.MonitorMode;
import dev.perfmon.jdbc.pool.MonitoredPool;
import dev.perfmon.jdbc.pool.PoolExhausted;
import dev.perfmon.jdbc.pool.PoolExhaustionEnded;
import dev.perfmon.jdbc.pool.PoolSnapshot;
import dev.perfmon.jdbc.pool.WaitingRoute;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.TimeWindowMax;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches one pool: samples its live counts, keeps the high-water marks, runs the exhaustion
 * episode state machine and reports long holds. {@link #tick(long)} is called by the monitor's
 * sampler thread (or a test) with the clock's monotonic time; all state is guarded by {@code this}.
 *
 * <p>Episode rules: a sample is <em>saturated</em> when threads wait and every connection is in
 * use. A saturation run survives one unsaturated sample (waiters are handed connections one at a
 * time, so the waiting count can touch zero for an instant). An episode opens when a run has
 * lasted the exhaustion threshold, when an acquisition that overlapped a saturated sample waited
 * longer than the threshold, or on any timeout; it closes once the pool has been quiet (no
 * saturated sample, timeout or long wait) for the quiet period.
 */
public final class PoolWatch implements MonitoredPool {

    private static final long NONE = Long.MIN_VALUE;
    private static final long PRUNE_INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_EPISODE_HOLDER_ROUTES = 64;

    private final PerfMon perfMon;
    private final PoolMonitorSettings settings;
    private final PoolProbe probe;
    private final MonitorMode intended;
    private final long thresholdNanos;
    private final long quietNanos;
    private final long graceNanos;
    private final long holdCheckNanos;
    private final PoolReadings readings = new PoolReadings();
    private final TimeWindowMax waitingPeak;
    private final TimeWindowMax activePeak;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, HolderSeen> episodeHolders = new HashMap<>();

    private volatile @Nullable PoolTracker tracker;
    private volatile String name = NOT_STARTED;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile boolean episodeOpen;
    private volatile long episodes;
    private volatile Duration longHold;
    private @Nullable Counter exhaustionCounter;
    private @Nullable Timer exhaustionTimer;
    private @Nullable RouteCounters longHoldCounters;
    private @Nullable Runnable onClose;

    private long runStart = NONE;
    private long lastSaturated = NONE;
    private int runPeakWaiting;
    private int runPeakActive;
    private long lastTimeouts = -1;
    private long lastLongWaits;
    private ExhaustionTrigger trigger = ExhaustionTrigger.SATURATION;
    private long episodeStart;
    private long lastBusy;
    private long episodeTimeouts;
    private int episodePeakWaiting;
    private long lastHoldCheck = NONE;
    private long lastPrune = NONE;

    public PoolWatch(PerfMon perfMon, PoolMonitorSettings settings, PoolProbe probe, MonitorMode intended) {
        this.perfMon = perfMon;
        this.intended = intended;
        this.settings = settings;
        this.probe = probe;
        this.thresholdNanos = settings.exhaustionThreshold().toNanos();
        this.quietNanos = settings.quietPeriod().toNanos();
        long interval = settings.sampleInterval().toNanos();
        this.graceNanos = 2 * interval;
        this.holdCheckNanos = Math.max(interval, TimeUnit.MILLISECONDS.toNanos(200));
        this.waitingPeak = new TimeWindowMax(perfMon.clock(), DistributionStatisticConfig.DEFAULT);
        this.activePeak = new TimeWindowMax(perfMon.clock(), DistributionStatisticConfig.DEFAULT);
        this.longHold = settings.longHoldThreshold(probe.connectionTimeoutMillis());
    }

    /** Connects perfmon's tracker for this pool: holders, waits and timeouts become visible. */
    public synchronized void attach(PoolTracker tracker) {
        this.tracker = tracker;
        tracker.connectionTimeout(probe.connectionTimeoutMillis());
        tracker.onClose(this::close);
        start(tracker.poolName());
    }

    /** Starts (registers meters) now if the pool's name is already known; otherwise the sampler does later. */
    public synchronized void startIfKnown() {
        if (!started && !closed) {
            String poolName = probe.poolName();
            if (poolName != null) {
                start(poolName);
            }
        }
    }

    /** @param callback run once when the pool shuts down or the monitor closes */
    public synchronized void onClose(Runnable callback) {
        this.onClose = callback;
    }

    // ---- MonitoredPool -------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public MonitorMode mode() {
        return tracker != null ? MonitorMode.INSTRUMENTED : intended;
    }

    @Override
    public synchronized PoolSnapshot snapshot() {
        long now = perfMon.clock().monotonicTime();
        PoolReadings live = new PoolReadings();
        if (!closed) {
            probe.read(live);
        }
        return snapshot(now, live, true);
    }

    @Override
    public boolean exhausted() {
        return episodeOpen;
    }

    @Override
    public long exhaustionEpisodes() {
        return episodes;
    }

    @Override
    public Duration longHoldThreshold() {
        return longHold;
    }

    /** @return perfmon's tracker for this pool, or {@code null} while polling or not yet started */
    public @Nullable PoolTracker tracker() {
        return tracker;
    }

    /** @return how this watch reads the pool */
    public PoolProbe probe() {
        return probe;
    }

    /** @return whether the pool shut down or the monitor closed */
    public boolean isClosed() {
        return closed;
    }

    // ---- sampling ------------------------------------------------------------------------

    /**
     * Takes one sample and advances the episode state machine.
     *
     * @param now the clock's monotonic time
     */
    public synchronized void tick(long now) {
        if (closed) {
            return;
        }
        PoolTracker t = tracker;
        if (t != null) {
            t.tick(now);
            t.connectionTimeout(probe.connectionTimeoutMillis());
        }
        if (probe.closed()) {
            close();
            return;
        }
        if (!started) {
            String poolName = probe.poolName();
            if (poolName == null) {
                return;
            }
            start(poolName);
        }
        if (!probe.read(readings)) {
            return;
        }
        sample(now, t);
        if (lastHoldCheck == NONE || now - lastHoldCheck >= holdCheckNanos) {
            lastHoldCheck = now;
            if (t != null) {
                checkLongHolds(now, t);
            }
        }
        if (t != null && (lastPrune == NONE || now - lastPrune >= PRUNE_INTERVAL_NANOS)) {
            lastPrune = now;
            t.holders.prune();
            t.pending.prune();
        }
    }

    private void sample(long now, @Nullable PoolTracker t) {
        PoolReadings r = readings;
        waitingPeak.record(r.waiting);
        activePeak.record(r.active);
        boolean saturated = r.saturated();
        if (saturated) {
            if (runStart == NONE) {
                runStart = now;
                runPeakWaiting = 0;
                runPeakActive = 0;
            }
            lastSaturated = now;
        } else if (runStart != NONE && now - lastSaturated >= graceNanos) {
            runStart = NONE;
        }
        if (runStart != NONE || episodeOpen) {
            runPeakWaiting = Math.max(runPeakWaiting, r.waiting);
            runPeakActive = Math.max(runPeakActive, r.active);
        }
        if (t != null) {
            t.contended(runStart != NONE || episodeOpen);
        }

        long timeouts = t != null ? t.timeouts() : probe.hikariTimeouts();
        long newTimeouts = timeouts >= 0 && lastTimeouts >= 0 ? Math.max(0, timeouts - lastTimeouts) : 0;
        if (timeouts >= 0) {
            lastTimeouts = timeouts;
        }
        long newLongWaits = 0;
        boolean longWaitOnFullPool = false;
        if (t != null) {
            long longWaits = t.longWaits();
            newLongWaits = longWaits - lastLongWaits;
            lastLongWaits = longWaits;
            // Only a wait that overlapped a saturated sample is exhaustion, not slow connection creation.
            longWaitOnFullPool = newLongWaits > 0 && lastSaturated != NONE && lastSaturated >= t.lastLongWaitStart();
        }

        if (!episodeOpen) {
            ExhaustionTrigger opened = newTimeouts > 0 ? ExhaustionTrigger.TIMEOUT
                    : longWaitOnFullPool ? ExhaustionTrigger.LONG_WAIT
                    : runStart != NONE && now - runStart >= thresholdNanos ? ExhaustionTrigger.SATURATION
                    : null;
            if (opened != null) {
                open(opened, now, newTimeouts);
            } else if (runStart == NONE && t != null && t.waits.idleSince(now, graceNanos)) {
                // No run and nothing recent: waits seen so far belong to no episode.
                t.waits.clear();
            }
        } else {
            episodeTimeouts += newTimeouts;
            episodePeakWaiting = Math.max(episodePeakWaiting, r.waiting);
            if (saturated || newTimeouts > 0 || longWaitOnFullPool) {
                lastBusy = now;
                if (t != null) {
                    observeHolders(now, t); // who held connections while others waited
                }
            }
            if (now - lastBusy >= quietNanos) {
                end(now, t);
            }
        }
    }

    private void open(ExhaustionTrigger how, long now, long newTimeouts) {
        episodeOpen = true;
        episodes++;
        trigger = how;
        long start = runStart != NONE ? runStart : now;
        if (how == ExhaustionTrigger.TIMEOUT) {
            // The timed-out thread had been waiting for the whole connection timeout.
            start = Math.min(start, now - TimeUnit.MILLISECONDS.toNanos(probe.connectionTimeoutMillis()));
        }
        episodeStart = start;
        lastBusy = now;
        episodeTimeouts = newTimeouts;
        episodePeakWaiting = Math.max(runPeakWaiting, readings.waiting);
        if (runStart == NONE) {
            runPeakWaiting = readings.waiting;
            runPeakActive = readings.active;
        }
        episodeHolders.clear();
        Counter counter = exhaustionCounter;
        try {
            if (counter != null) {
                counter.increment();
            }
        } catch (RuntimeException failure) {
            perfMon.meters(PoolTracker.COMPONENT).lost(failure);
        }
        PoolTracker t = tracker;
        if (t != null) {
            observeHolders(now, t);
        }
        if (perfMon.hasListeners()) {
            perfMon.publish(new PoolExhausted(name, how, snapshot(now, readings, true), perfMon.now()));
        }
    }

    private void end(long now, @Nullable PoolTracker t) {
        episodeOpen = false;
        Duration duration = Duration.ofNanos(Math.max(0, lastBusy - episodeStart));
        Timer timer = exhaustionTimer;
        try {
            if (timer != null) {
                timer.record(duration);
            }
        } catch (RuntimeException failure) {
            perfMon.meters(PoolTracker.COMPONENT).lost(failure);
        }
        if (perfMon.hasListeners()) {
            List<HolderSeen> seen = new ArrayList<>(episodeHolders.values());
            seen.sort(Comparator.comparingLong((HolderSeen h) -> h.heldNanos).reversed());
            List<ConnectionHolder> holders = new ArrayList<>();
            for (int i = 0; i < seen.size() && i < settings.maxHolders(); i++) {
                HolderSeen h = seen.get(i);
                holders.add(new ConnectionHolder(h.route, h.thread, Duration.ofNanos(h.heldNanos), List.of(), List.of()));
            }
            perfMon.publish(new PoolExhaustionEnded(name, trigger, duration, episodePeakWaiting, episodeTimeouts,
                    t != null ? t.waits.snapshot() : List.of(), holders, perfMon.now()));
        }
        episodeHolders.clear();
        if (t != null) {
            t.waits.clear();
        }
    }

    private void observeHolders(long now, PoolTracker t) {
        t.holders.forEachHeld((holding, slot, route, since, site) -> {
            long held = now - since;
            HolderSeen seen = episodeHolders.get(route);
            if (seen == null) {
                if (episodeHolders.size() >= MAX_EPISODE_HOLDER_ROUTES) {
                    return;
                }
                seen = new HolderSeen(route);
                episodeHolders.put(route, seen);
            }
            if (held >= seen.heldNanos) {
                seen.heldNanos = held;
                seen.thread = holding.ownerName();
            }
        });
    }

    private void checkLongHolds(long now, PoolTracker t) {
        long threshold = longHold.toNanos();
        List<Object[]> found = null;
        // Collected first: reporting takes stacks and publishes, which should not run mid-iteration.
        for (Holding holding : t.holders.holdings()) {
            int to = Math.min(holding.rawDepth(), Holding.SLOTS);
            for (int s = holding.firstHeldSlot(); s < to; s++) {
                long since = holding.since[s];
                String route = holding.routes[s];
                if (route == null || now - since < threshold || holding.wasReported(since)) {
                    continue;
                }
                holding.markReported(since);
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(new Object[] {holding, route, since, holding.sites[s]});
            }
        }
        if (found == null) {
            return;
        }
        for (Object[] hold : found) {
            Holding holding = (Holding) hold[0];
            String route = (String) hold[1];
            if (longHoldCounters != null) {
                longHoldCounters.increment(route);
            }
            if (perfMon.hasListeners()) {
                ConnectionHolder holder = holder(holding, route, (Long) hold[2], (Throwable) hold[3], now, true);
                perfMon.publish(new LongConnectionHold(name, holder, longHold, perfMon.now()));
            }
        }
    }

    private PoolSnapshot snapshot(long now, PoolReadings r, boolean stacks) {
        PoolTracker t = tracker;
        List<ConnectionHolder> longest = new ArrayList<>();
        int holderCount = 0;
        if (t != null) {
            List<Object[]> held = new ArrayList<>();
            t.holders.forEachHeld((holding, slot, route, since, site) -> held.add(new Object[] {holding, route, since, site}));
            holderCount = held.size();
            held.sort(Comparator.comparingLong(h -> (Long) h[2]));
            for (int i = 0; i < held.size() && i < settings.maxHolders(); i++) {
                Object[] h = held.get(i);
                longest.add(holder((Holding) h[0], (String) h[1], (Long) h[2], (Throwable) h[3], now, stacks));
            }
        }
        boolean inRun = runStart != NONE || episodeOpen;
        return new PoolSnapshot(name(), mode(), r.max, r.active, r.idle, r.waiting,
                inRun ? Math.max(runPeakWaiting, r.waiting) : r.waiting,
                inRun ? Math.max(runPeakActive, r.active) : r.active,
                holderCount, longest, t != null ? waitingRoutes(t, now) : List.of(), perfMon.now());
    }

    /** @return routes that waited during the run or episode, joined with those waiting right now */
    private List<WaitingRoute> waitingRoutes(PoolTracker t, long now) {
        return WaitingRoutes.merge(t.waits.snapshot(), t.pending, now, perfMon.config().overflowTagValue());
    }

    private static ConnectionHolder holder(Holding holding, String route, long since, Throwable site, long now,
                                           boolean stacks) {
        List<StackTraceElement> acquired = site == null ? List.of() : StackFrames.acquisition(site.getStackTrace());
        List<StackTraceElement> current = List.of();
        if (stacks && holding.owner.isAlive()) {
            current = StackFrames.current(holding.owner.getStackTrace());
        }
        return new ConnectionHolder(route, holding.ownerName(), Duration.ofNanos(Math.max(0, now - since)),
                acquired, current);
    }

    // ---- lifecycle -----------------------------------------------------------------------

    private void start(String poolName) {
        if (started) {
            return;
        }
        started = true;
        name = poolName;
        longHold = settings.longHoldThreshold(probe.connectionTimeoutMillis());
        ContainedMeters registry = perfMon.meters(PoolTracker.COMPONENT);
        exhaustionCounter = registry.counter(Counter.builder(PoolExhausted.METER)
                .description("Pool-exhaustion episodes opened")
                .tag("pool", poolName));
        exhaustionTimer = registry.timer(Timer.builder("perfmon.pool.exhaustion.duration")
                .description("Duration of closed pool-exhaustion episodes")
                .tag("pool", poolName));
        meters.add(exhaustionCounter);
        meters.add(exhaustionTimer);
        addIfRegistered(registry.gauge(Gauge.builder("perfmon.pool.exhausted", this, w -> w.episodeOpen ? 1 : 0)
                .description("1 while a pool-exhaustion episode is open")
                .tag("pool", poolName).strongReference(true)));
        addIfRegistered(registry.gauge(Gauge.builder("perfmon.pool.waiting.peak", waitingPeak, TimeWindowMax::poll)
                .description("Most threads waiting for a connection in any sample of the recent window")
                .tag("pool", poolName).strongReference(true)));
        addIfRegistered(registry.gauge(Gauge.builder("perfmon.pool.active.peak", activePeak, TimeWindowMax::poll)
                .description("Most connections in use in any sample of the recent window")
                .tag("pool", poolName).strongReference(true)));
        if (tracker == null) {
            // Polling: HikariCP's own timeout count so far is the baseline, not a burst of new timeouts.
            lastTimeouts = probe.hikariTimeouts();
        }
        longHoldCounters = new RouteCounters(registry, "perfmon.pool.long.holds",
                "Connections held longer than the long-hold threshold, by the holding route", poolName,
                perfMon.routeGuard());
    }

    private void addIfRegistered(@Nullable Meter meter) {
        if (meter != null) {
            meters.add(meter);
        }
    }

    /** Stops watching and removes this pool's meters. Idempotent. */
    public void close() {
        Runnable callback;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            episodeOpen = false;
            ContainedMeters registry = perfMon.meters(PoolTracker.COMPONENT);
            meters.forEach(registry::remove);
            meters.clear();
            if (longHoldCounters != null) {
                longHoldCounters.remove();
            }
            callback = onClose;
        }
        if (callback != null) {
            callback.run();
        }
    }

    @Override
    public String toString() {
        return "MonitoredPool{" + name() + ", " + mode() + (episodeOpen ? ", exhausted" : "") + '}';
    }

    /** The longest hold seen for one route during an episode. */
    private static final class HolderSeen {
        final String route;
        String thread = "";
        long heldNanos = -1;

        HolderSeen(String route) {
            this.route = route;
        }
    }
}
