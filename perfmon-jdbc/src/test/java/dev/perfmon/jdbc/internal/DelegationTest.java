package dev.perfmon.jdbc.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.NPlusOneConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method of the four wrapped {@code java.sql} interfaces, as the running JDK declares them
 * (defaults such as {@code enquoteLiteral} included), reaches the driver's object through the
 * wrappers, whether the build-time generated pass-through or a timed override answers it: the
 * same method, the same arguments, exactly once ({@code execute} then reads the update count
 * it reported). The recording driver objects here are reflection proxies; the wrappers under
 * test are not.
 */
class DelegationTest {

    /** Methods that answer without the delegate, by contract. */
    private static final Set<String> OWN_ANSWERS = Set.of("getConnection()");

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final JdbcMonitor monitor = new JdbcMonitor(perfMon, "delegation", NPlusOneConfig.defaults(), 16, true);
    private final List<Object[]> calls = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        perfMon.close();
    }

    private <T> T recording(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "recording";
                    }
                    calls.add(new Object[] {method, args == null ? new Object[0] : args});
                    return defaultValue(method.getReturnType(), false);
                }));
    }

    @Test
    void connectionDelegatesEveryMethod() throws Exception {
        assertDelegates(Connection.class, new TimedConnection(recording(Connection.class), monitor));
    }

    @Test
    void statementDelegatesEveryMethod() throws Exception {
        TimedConnection connection = new TimedConnection(recording(Connection.class), monitor);
        assertDelegates(Statement.class, new TimedStatement(recording(Statement.class), connection));
    }

    @Test
    void preparedStatementDelegatesEveryMethod() throws Exception {
        TimedConnection connection = new TimedConnection(recording(Connection.class), monitor);
        assertDelegates(PreparedStatement.class, new TimedPreparedStatement(recording(PreparedStatement.class),
                connection, monitor.sqlInfo("select * from t where id = ?")));
    }

    @Test
    void callableStatementDelegatesEveryMethod() throws Exception {
        TimedConnection connection = new TimedConnection(recording(Connection.class), monitor);
        assertDelegates(CallableStatement.class, new TimedCallableStatement(recording(CallableStatement.class),
                connection, monitor.sqlInfo("{call p(?)}")));
    }

    private void assertDelegates(Class<?> type, Object wrapper) throws Exception {
        int checked = 0;
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String signature = method.getName() + Arrays.toString(method.getParameterTypes())
                    .replace('[', '(').replace(']', ')').replace("(]", "()");
            if (OWN_ANSWERS.contains(method.getName() + (method.getParameterCount() == 0 ? "()" : ""))) {
                continue;
            }
            Object[] args = new Object[method.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = defaultValue(method.getParameterTypes()[i], true);
            }
            calls.clear();
            try {
                method.invoke(wrapper, args);
            } catch (InvocationTargetException e) {
                throw new AssertionError(signature + " threw " + e.getCause(), e.getCause());
            }
            if (method.getName().equals("execute")) {
                // The recording driver answers false (an update count first): the wrapper reads it for the timeline.
                assertThat(calls).as(signature).hasSize(2);
                assertThat(((Method) calls.get(1)[0]).getName()).as(signature).isEqualTo("getUpdateCount");
            } else {
                assertThat(calls).as(signature).hasSize(1);
            }
            Method reached = (Method) calls.get(0)[0];
            assertThat(reached.getName()).as(signature).isEqualTo(method.getName());
            assertThat(reached.getParameterTypes()).as(signature).containsExactly(method.getParameterTypes());
            assertThat((Object[]) calls.get(0)[1]).as(signature).containsExactly(args);
            checked++;
        }
        assertThat(checked).isGreaterThan(40);
    }

    /** A distinct, non-null argument where possible; {@code null} for types that cannot be built. */
    static Object defaultValue(Class<?> type, boolean argument) {
        if (type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return argument;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 2L;
        }
        if (type == short.class) {
            return (short) 3;
        }
        if (type == byte.class) {
            return (byte) 4;
        }
        if (type == double.class) {
            return 5.5;
        }
        if (type == float.class) {
            return 6.5f;
        }
        if (type == String.class) {
            return argument ? "select 1" : "result";
        }
        if (type == Class.class) {
            return String.class;
        }
        if (type == int[].class) {
            return new int[] {1};
        }
        if (type == String[].class) {
            return new String[] {"id"};
        }
        if (type == Object[].class) {
            return new Object[] {1};
        }
        if (type == byte[].class) {
            return new byte[] {1};
        }
        if (type == Map.class) {
            return Map.of();
        }
        return null;
    }
}
