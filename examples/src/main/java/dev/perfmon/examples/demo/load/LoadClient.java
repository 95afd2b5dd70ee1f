package dev.perfmon.examples.demo.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's built-in load generator: closed-loop simulated users over real HTTP, one thread
 * each, following a {@link LoadPlan}. Normal users pick an {@link Action} from the
 * {@link RequestMix} and pause for a think time between requests; report callers request the
 * slow report endpoint back to back. Every request is timed on the client.
 */
public final class LoadClient {

    private static final Pattern CREATED_ID = Pattern.compile("\"id\":(\\d+)");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long IDLE_PARK_NANOS = 20_000_000L;

    private final URI base;
    private final LoadPlan plan;
    private final RequestMix mix;
    private final int users;
    private final Consumer<Progress> progress;
    private final HttpClient http;
    private final AtomicLong newestPostId;
    private final long seededPosts;
    private final long seed;
    private volatile PhaseState current;
    private volatile boolean stopped;
    private volatile LatencyHistogram lastSecond = new LatencyHistogram();
    private final LongAdder lastSecondErrors = new LongAdder();
    private final LongAdder completed = new LongAdder();

    /**
     * @param base the service, such as {@code http://127.0.0.1:8080}
     * @param plan the phases
     * @param mix what normal users do
     * @param seededPosts how many posts exist at the start (ids 1..n)
     * @param users how many users post (author ids 1..n)
     * @param seed seeds each user's random choices, so runs are comparable
     * @param progress receives a progress view once a second
     */
    public LoadClient(URI base, LoadPlan plan, RequestMix mix, long seededPosts, int users, long seed,
                      Consumer<Progress> progress) {
        this.base = Objects.requireNonNull(base, "base");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.mix = Objects.requireNonNull(mix, "mix");
        this.users = users;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.newestPostId = new AtomicLong(seededPosts);
        this.seededPosts = seededPosts;
        this.seed = seed;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Runs the plan to its end, then waits for in-flight requests.
     *
     * @return what the client saw, phase by phase
     */
    public LoadResult run() throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < plan.maxUsers(); i++) {
            workers.add(worker("load-user-" + i, i, false));
        }
        for (int i = 0; i < plan.maxReportCallers(); i++) {
            workers.add(worker("load-report-" + i, i, true));
        }
        List<PhaseState> done = new ArrayList<>();
        long runStart = System.nanoTime();
        Duration total = plan.total();
        try {
            for (LoadPlan.Phase phase : plan.phases()) {
                PhaseState state = new PhaseState(phase, System.nanoTime(), Instant.now());
                current = state;
                if (done.isEmpty()) {
                    workers.forEach(Thread::start);
                }
                long end = state.startNanos + phase.length().toNanos();
                long nextTick = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < end) {
                    LockSupport.parkNanos(Math.min(end, nextTick) - System.nanoTime());
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    if (System.nanoTime() >= nextTick) {
                        tick(state, runStart, total);
                        nextTick += 1_000_000_000L;
                    }
                }
                state.endedAt = Instant.now();
                done.add(state);
            }
        } finally {
            stopped = true;
            for (Thread worker : workers) {
                worker.join(REQUEST_TIMEOUT.toMillis() + 5_000);
            }
        }
        List<PhaseResult> results = new ArrayList<>();
        for (PhaseState state : done) {
            results.add(state.result());
        }
        return new LoadResult(results);
    }

    private void tick(PhaseState state, long runStart, Duration total) {
        LatencyHistogram second = lastSecond;
        lastSecond = new LatencyHistogram();
        long errors = lastSecondErrors.sumThenReset();
        long count = second.count();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - runStart);
        Duration inPhase = Duration.ofNanos(System.nanoTime() - state.startNanos);
        progress.accept(new Progress(state.phase.name(), elapsed, total, state.phase.usersAt(inPhase),
                state.phase.reportCallers(), completed.sum(), count,
                count == 0 ? 0 : (double) errors / count, Duration.ofNanos(second.percentileNanos(0.99))));
    }

    private Thread worker(String name, int index, boolean reportCaller) {
        Thread thread = new Thread(() -> runUser(index, reportCaller), name);
        thread.setDaemon(true);
        return thread;
    }

    private void runUser(int index, boolean reportCaller) {
        Random random = new Random(seed * 31 + index * 7919L + (reportCaller ? 1 : 0));
        while (!stopped) {
            PhaseState state = current;
            boolean active = reportCaller
                    ? index < state.phase.reportCallers()
                    : index < state.phase.usersAt(Duration.ofNanos(System.nanoTime() - state.startNanos));
            if (!active) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            Action action = reportCaller ? Action.REPORT : mix.next(random);
            execute(state, action, random);
            if (!reportCaller) {
                think(random);
            }
        }
    }

    private void think(Random random) {
        long min = plan.think().min().toNanos();
        long max = plan.think().max().toNanos();
        long pause = min + (max > min ? (long) (random.nextDouble() * (max - min)) : 0);
        if (pause > 0) {
            LockSupport.parkNanos(pause);
        }
    }

    private void execute(PhaseState state, Action action, Random random) {
        HttpRequest request = request(action, random);
        long start = System.nanoTime();
        int status;
        String body = null;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return;
        }
        long nanos = System.nanoTime() - start;
        state.record(action, status, nanos);
        lastSecond.record(nanos);
        completed.increment();
        if (status >= 400 || status < 0) {
            lastSecondErrors.increment();
        }
        if (action == Action.CREATE && status == 201 && body != null) {
            Matcher m = CREATED_ID.matcher(body);
            if (m.find()) {
                newestPostId.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
            }
        }
    }

    private HttpRequest request(Action action, Random random) {
        return switch (action) {
            case LIST -> get("/posts?page=" + listingPage(random, true));
            case DETAIL -> get("/posts/" + postId(random, true));
            case COMMENTS -> get("/posts/" + postId(random, false) + "/comments");
            case NAIVE -> get("/posts/naive?page=" + random.nextInt(10));
            case FIXED -> get("/posts/fixed?page=" + random.nextInt(10));
            case REPORT -> get("/reports/slow");
            case CREATE -> HttpRequest.newBuilder(base.resolve("/posts"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("authorId=" + (1 + random.nextInt(users))
                            + "&title=Load+test+post+" + random.nextInt(1_000_000)
                            + "&body=Written+by+the+perfmon+demo+load+client.", StandardCharsets.UTF_8))
                    .build();
        };
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    /** Mostly the first page, as on any board. */
    private static int listingPage(Random random, boolean skewed) {
        int roll = random.nextInt(100);
        if (!skewed || roll >= 95) {
            return 5 + random.nextInt(5);
        }
        return roll < 60 ? 0 : roll < 80 ? 1 : 2 + random.nextInt(3);
    }

    /**
     * Reading is skewed, as on any board: four reads in five go to the 50 most popular posts
     * (the newest of the seeded ones), the rest anywhere, new posts included; one in a hundred
     * asks for a post that does not exist.
     */
    private long postId(Random random, boolean sometimesMissing) {
        if (sometimesMissing && random.nextInt(100) == 0) {
            return 900_000_000L + random.nextInt(1_000);
        }
        if (random.nextInt(5) < 4) {
            return Math.max(1, seededPosts - random.nextInt(50));
        }
        return 1 + (long) (random.nextDouble() * newestPostId.get());
    }

    /** Counters of one phase. */
    private static final class PhaseState {
        final LoadPlan.Phase phase;
        final long startNanos;
        final Instant startedAt;
        volatile Instant endedAt;
        final LatencyHistogram latency = new LatencyHistogram();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder ioFailures = new LongAdder();
        final LongAdder reportCalls = new LongAdder();

        PhaseState(LoadPlan.Phase phase, long startNanos, Instant startedAt) {
            this.phase = phase;
            this.startNanos = startNanos;
            this.startedAt = startedAt;
        }

        void record(Action action, int status, long nanos) {
            latency.record(nanos);
            if (status < 0) {
                ioFailures.increment();
            } else if (status >= 500) {
                serverErrors.increment();
            } else if (status >= 400) {
                clientErrors.increment();
            }
            if (action == Action.REPORT) {
                reportCalls.increment();
            }
        }

        PhaseResult result() {
            return new PhaseResult(phase.name(), startedAt, endedAt, latency.count(), clientErrors.sum(),
                    serverErrors.sum(), ioFailures.sum(), reportCalls.sum(),
                    Duration.ofNanos(latency.percentileNanos(0.50)), Duration.ofNanos(latency.percentileNanos(0.95)),
                    Duration.ofNanos(latency.percentileNanos(0.99)), Duration.ofNanos(latency.maxNanos()));
        }
    }
}
