package dev.perfmon.examples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Closed-loop test traffic: groups of threads, each requesting paths from its generator back to
 * back for a while. The scenario tests use it to create exactly one kind of trouble.
 */
final class Traffic {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Group> groups = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private record Group(int threads, Duration pause, Function<ThreadLocalRandom, String> paths) {
    }

    Traffic(URI base) {
        this.base = base;
    }

    /** Adds {@code threads} callers of the paths {@code paths} generates, back to back. */
    Traffic group(int threads, Function<ThreadLocalRandom, String> paths) {
        return group(threads, Duration.ZERO, paths);
    }

    /** Adds {@code threads} callers pausing {@code pause} between requests (to keep the CPU out of the picture). */
    Traffic group(int threads, Duration pause, Function<ThreadLocalRandom, String> paths) {
        groups.add(new Group(threads, pause, paths));
        return this;
    }

    /** Runs every group for {@code duration}, then waits for requests in flight. */
    Traffic runFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (Group group : groups) {
            for (int i = 0; i < group.threads(); i++) {
                Thread thread = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        String path = group.paths().apply(random);
                        try {
                            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() >= 400) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        } catch (InterruptedException e) {
                            return;
                        }
                        requests.incrementAndGet();
                        if (!group.pause().isZero()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(group.pause().toNanos());
                        }
                    }
                }, "traffic-" + threads.size());
                threads.add(thread);
                thread.start();
            }
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(90).toMillis());
        }
        return this;
    }

    long requests() {
        return requests.get();
    }

    long failures() {
        return failures.get();
    }
}
