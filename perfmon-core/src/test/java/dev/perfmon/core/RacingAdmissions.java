package dev.perfmon.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Threads released at once, each admitting the same values in the same order through one guard. */
final class RacingAdmissions implements AutoCloseable {

    /** A guard under test: its admission and how many values it kept. */
    record Guard(UnaryOperator<String> admit, IntSupplier kept) {
    }

    static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    /** @return every distinct "value -> answer" the threads saw: one per value when they all agree */
    Set<String> answers(int values, IntFunction<String> value, UnaryOperator<String> admit) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Set<String> answers = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < values; i++) {
                    String candidate = value.apply(i);
                    answers.add(candidate + " -> " + admit.apply(candidate));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        return answers;
    }

    /**
     * Round after round, a fresh guard of {@code cap} under {@code values} racing values: every
     * value gets one answer from all threads, and exactly {@code cap} are kept.
     */
    void assertEachValueGetsOneAnswerAndExactlyTheCapIsKept(int rounds, int values, int cap, IntFunction<String> value,
                                                            Supplier<Guard> fresh) throws Exception {
        for (int round = 0; round < rounds; round++) {
            Guard guard = fresh.get();

            Set<String> answers = answers(values, value, guard.admit());

            assertThat(answers).as("one answer per value, round %d", round).hasSize(values);
            assertThat(answers.stream().filter(a -> !a.endsWith("OTHER")).count()).isEqualTo(cap);
            assertThat(guard.kept().getAsInt()).isEqualTo(cap);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
