package dev.perfmon.test;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The outcome of running one fixture class on the Jupiter engine, in process, through JUnit's
 * engine test kit: which test methods passed, and what each failed one threw.
 */
final class FixtureRun {

    private final Map<String, TestExecutionResult> results = new LinkedHashMap<>();

    private FixtureRun(Class<?> fixture) {
        for (Event event : EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute()
                .allEvents().list()) {
            if (event.getType() == EventType.FINISHED
                    && event.getTestDescriptor().getSource().orElse(null) instanceof MethodSource method) {
                results.put(method.getMethodName(), event.getPayload(TestExecutionResult.class).orElseThrow());
            } else if (event.getType() == EventType.FINISHED
                    && event.getPayload(TestExecutionResult.class).orElseThrow().getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                throw new AssertionError("fixture " + fixture.getSimpleName() + " failed as a whole",
                        event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElse(null));
            }
        }
    }

    static FixtureRun of(Class<?> fixture) {
        return new FixtureRun(fixture);
    }

    /** @return the test methods that passed, by name */
    TreeSet<String> passed() {
        TreeSet<String> passed = new TreeSet<>();
        results.forEach((method, result) -> {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                passed.add(method);
            }
        });
        return passed;
    }

    /** @return the test methods that failed, by name */
    TreeSet<String> failed() {
        TreeSet<String> failed = new TreeSet<>(results.keySet());
        failed.removeAll(passed());
        return failed;
    }

    /** @return what {@code method} threw */
    Throwable failure(String method) {
        TestExecutionResult result = results.get(method);
        if (result == null) {
            throw new IllegalArgumentException("no test " + method + " ran; ran " + results.keySet());
        }
        return result.getThrowable().orElseThrow(() -> new AssertionError(method + " did not fail"));
    }
}
