package dev.perfmon.test.internal;

import dev.perfmon.test.ExpectStatements;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link ExpectStatements} budgets of one test: its class's, and its method's, which replace a class budget of the same types. */
public final class Budgets {

    private Budgets() {
    }

    /** @throws IllegalArgumentException for a budget without exactly one of max and count */
    public static List<Budget> of(Class<?> testClass, Method method) {
        Map<Set<?>, Budget> byTypes = new LinkedHashMap<>();
        for (ExpectStatements annotation : AnnotationSupport.findRepeatableAnnotations(testClass, ExpectStatements.class)) {
            Budget budget = Budget.of(annotation);
            byTypes.put(budget.types(), budget);
        }
        Map<Set<?>, Budget> ofMethod = new LinkedHashMap<>();
        for (ExpectStatements annotation : AnnotationSupport.findRepeatableAnnotations(method, ExpectStatements.class)) {
            Budget budget = Budget.of(annotation);
            ofMethod.put(budget.types(), budget);
        }
        byTypes.putAll(ofMethod);
        return new ArrayList<>(byTypes.values());
    }
}
