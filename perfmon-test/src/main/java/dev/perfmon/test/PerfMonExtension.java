package dev.perfmon.test;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.NPlusOneDetected;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.StatementCounts;
import dev.perfmon.jdbc.StatementLog;
import dev.perfmon.test.internal.Budget;
import dev.perfmon.test.internal.Budgets;
import dev.perfmon.test.internal.FailureMessage;
import dev.perfmon.test.internal.FailureMessage.BrokenBudget;
import dev.perfmon.test.internal.SpringContexts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fails a test that ran an N+1 or duplicate query, or broke an {@link ExpectStatements} budget.
 * Around each test method it opens a scope on the test thread and watches every other scope of
 * the same {@link PerfMon} that closes meanwhile: requests served by an embedded container on its
 * worker threads, MockMvc requests through {@code PerfMonFilter}. After the method returns it
 * waits for the scopes that ran SQL to close, then fails the test with every finding and every
 * broken budget. When the test itself fails, its exception is what the test reports; the
 * perfmon findings are attached to it as a suppressed exception.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PerfMonExtension perfmon = PerfMonExtension.of(dataSource);   // or of(perfMon)
 * }</pre>
 *
 * In a test run by Spring's {@code SpringExtension}, {@code @ExtendWith(PerfMonExtension.class)}
 * (or {@link #fromSpring()}) uses the {@link PerfMon} bean of the test's ApplicationContext.
 *
 * <p>Findings come from the data sources' own N+1 settings: build them with
 * {@code NPlusOneConfig.strict()} in tests to catch loops from two executions on. Opt out with
 * {@link AllowNPlusOne}, {@link AllowDuplicates}, or {@link #allowNPlusOne()} and
 * {@link #allowDuplicates()} for every test. Tests sharing one {@link PerfMon} must not run in
 * parallel: each would see the other's scopes.
 */
public final class PerfMonExtension implements InvocationInterceptor {

    /** How long to wait, after the test method, for scopes that ran SQL to close. */
    public static final Duration DEFAULT_SCOPE_WAIT = Duration.ofSeconds(5);

    /** Null: the PerfMon bean of the test's Spring ApplicationContext. */
    private final @Nullable PerfMon perfMon;
    private final boolean allowNPlusOne;
    private final boolean allowDuplicates;
    private final Duration scopeWait;

    /**
     * For {@code @ExtendWith(PerfMonExtension.class)} in a SpringExtension test: the
     * {@link PerfMon} bean of the test's ApplicationContext.
     */
    public PerfMonExtension() {
        this(null, false, false, DEFAULT_SCOPE_WAIT);
    }

    private PerfMonExtension(@Nullable PerfMon perfMon, boolean allowNPlusOne, boolean allowDuplicates, Duration scopeWait) {
        this.perfMon = perfMon;
        this.allowNPlusOne = allowNPlusOne;
        this.allowDuplicates = allowDuplicates;
        this.scopeWait = scopeWait;
    }

    /**
     * @param perfMon the instance the application's data sources and filters report to
     * @return an extension watching its scopes
     */
    public static PerfMonExtension of(PerfMon perfMon) {
        return new PerfMonExtension(Objects.requireNonNull(perfMon, "perfMon"), false, false, DEFAULT_SCOPE_WAIT);
    }

    /**
     * @param dataSource the decorated data source the application uses
     * @return an extension watching the scopes of its {@link PerfMon}
     */
    public static PerfMonExtension of(PerfMonDataSource dataSource) {
        return of(Objects.requireNonNull(dataSource, "dataSource").perfMon());
    }

    /** @return an extension using the {@link PerfMon} bean of the SpringExtension test's ApplicationContext */
    public static PerfMonExtension fromSpring() {
        return new PerfMonExtension();
    }

    /** @return a copy that lets every test pass with N+1 findings (budgets still apply) */
    public PerfMonExtension allowNPlusOne() {
        return new PerfMonExtension(perfMon, true, allowDuplicates, scopeWait);
    }

    /** @return a copy that lets every test pass with duplicate-query findings */
    public PerfMonExtension allowDuplicates() {
        return new PerfMonExtension(perfMon, allowNPlusOne, true, scopeWait);
    }

    /**
     * @param wait how long to wait, after the test method, for request scopes that ran SQL to
     *     close (a request's scope may close just after its client read the response)
     * @return a copy with that wait
     */
    public PerfMonExtension awaitScopes(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, was " + wait);
        }
        return new PerfMonExtension(perfMon, allowNPlusOne, allowDuplicates, wait);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        gate(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        gate(invocation, context);
    }

    private void gate(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        List<Budget> budgets = budgets(testClass, method);
        PerfMon watched = perfMon(context);
        String route = "test:" + testClass.getSimpleName() + '.' + method.getName();
        Throwable failure = null;
        String problems;
        try (NPlusOneRecorder findings = NPlusOneRecorder.attach(watched);
             StatementLog log = StatementLog.start(watched)) {
            try (RequestScope ignored = watched.openScope(route)) {
                invocation.proceed();
            } catch (Throwable thrown) {
                failure = thrown;
            }
            log.awaitOpenScopes(scopeWait);
            problems = FailureMessage.of(testClass.getSimpleName() + '.' + method.getName() + "()", route,
                    failing(findings.all(), testClass, method), broken(budgets, log.counts()), log.scopes());
        }
        if (failure != null) {
            if (problems != null) {
                failure.addSuppressed(new AssertionError(problems));
            }
            throw failure;
        }
        if (problems != null) {
            throw new AssertionError(problems);
        }
    }

    private static List<Budget> budgets(Class<?> testClass, Method method) {
        try {
            return Budgets.of(testClass, method);
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException(String.valueOf(invalid.getMessage()), invalid);
        }
    }

    private PerfMon perfMon(ExtensionContext context) {
        if (perfMon != null) {
            return perfMon;
        }
        if (!SpringContexts.available() || !SpringContexts.usesSpringExtension(context.getRequiredTestClass())) {
            throw new ExtensionConfigurationException("PerfMonExtension has no PerfMon: register it with"
                    + " PerfMonExtension.of(perfMon) or of(dataSource), or use it in a SpringExtension test"
                    + " whose ApplicationContext has a PerfMon bean");
        }
        try {
            return SpringContexts.perfMon(context);
        } catch (RuntimeException noBean) {
            throw new ExtensionConfigurationException("PerfMonExtension found no PerfMon bean in the test's"
                    + " ApplicationContext (" + noBean.getMessage() + "); declare one, or register the extension"
                    + " with PerfMonExtension.of(perfMon)", noBean);
        }
    }

    private List<PerfMonEvent> failing(List<PerfMonEvent> findings, Class<?> testClass, Method method) {
        boolean nPlusOneAllowed = allowNPlusOne || allowed(AllowNPlusOne.class, testClass, method);
        boolean duplicatesAllowed = allowDuplicates || allowed(AllowDuplicates.class, testClass, method);
        List<PerfMonEvent> failing = new ArrayList<>(findings.size());
        for (PerfMonEvent finding : findings) {
            if (finding instanceof NPlusOneDetected ? !nPlusOneAllowed
                    : finding instanceof DuplicateQuery && !duplicatesAllowed) {
                failing.add(finding);
            }
        }
        return failing;
    }

    private static boolean allowed(Class<? extends Annotation> optOut, Class<?> testClass, Method method) {
        if (AnnotationSupport.isAnnotated(method, optOut)) {
            return true;
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, optOut)) {
                return true;
            }
        }
        return false;
    }

    private static List<BrokenBudget> broken(List<Budget> budgets, StatementCounts counts) {
        List<BrokenBudget> broken = new ArrayList<>();
        for (Budget budget : budgets) {
            long ran = budget.counted(counts);
            if (!budget.holds(ran)) {
                broken.add(new BrokenBudget(budget, ran));
            }
        }
        return broken;
    }
}
