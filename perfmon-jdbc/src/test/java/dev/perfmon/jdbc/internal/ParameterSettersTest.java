package dev.perfmon.jdbc.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.NPlusOneConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parameter setter of {@link PreparedStatement} (by index) and {@link CallableStatement}
 * (by name), as the running JDK declares them, keeps the hash of the value it bound: by value
 * for numbers, flags, text, bytes and the JDK's value types (so {@code setInt(1)},
 * {@code setLong(1)} and {@code setDouble(1.0)} agree), by identity for streams, readers and
 * LOBs, the SQL NULL hash for {@code setNull}. Which setter passes what to the driver is
 * {@link DelegationTest}'s part.
 */
class ParameterSettersTest {

    /** Value types a stream or LOB: hashed by identity, since reading them would consume them. */
    private static final Set<Class<?>> OPAQUE = Set.of(InputStream.class, Reader.class, Blob.class, Clob.class,
            NClob.class, SQLXML.class);

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final JdbcMonitor monitor = new JdbcMonitor(perfMon, "setters", NPlusOneConfig.defaults(), 16, true);
    private final TimedConnection connection = new TimedConnection(driver(java.sql.Connection.class), monitor);

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void everyIndexedSetterKeepsTheHashOfItsValue() throws Exception {
        TimedPreparedStatement statement = new TimedPreparedStatement(driver(PreparedStatement.class), connection,
                monitor.sqlInfo("select * from t where a = ? and b = ? and c = ?"));
        List<String> checked = bindEach(statement, PreparedStatement.class, 2, (setter, expected) -> {
            assertThat(statement.parameters.holds(2, expected)).as(setter.toString()).isTrue();
            assertThat(statement.parameters.holds(1, expected)).as(setter.toString()).isFalse();
        });
        assertThat(checked).hasSizeGreaterThan(45).contains("setInt", "setObject", "setNull", "setUnicodeStream");
    }

    @Test
    void everyNamedSetterKeepsTheHashOfItsValue() throws Exception {
        TimedCallableStatement statement = new TimedCallableStatement(driver(CallableStatement.class), connection,
                monitor.sqlInfo("{call p(?)}"));
        List<String> checked = bindEach(statement, CallableStatement.class, "owner", (setter, expected) -> {
            ParameterSlots alone = new ParameterSlots();
            alone.setNamed("owner", expected);
            assertThat(statement.parameters.hash(SqlInfo.NO_ORDINALS)).as(setter.toString())
                    .isEqualTo(alone.hash(SqlInfo.NO_ORDINALS))
                    .isNotEqualTo(new ParameterSlots().hash(SqlInfo.NO_ORDINALS));
        });
        assertThat(checked).hasSizeGreaterThan(40).contains("setInt", "setObject", "setNull", "setURL");
    }

    /** What a test asserts once a setter bound its value, given the hash it should have kept. */
    private interface Kept {
        void check(Method setter, long expected);
    }

    /** Calls each setter of {@code type} keyed like {@code key} on a cleared statement, then {@code kept}. */
    private static List<String> bindEach(TimedPreparedStatement statement, Class<?> type, Object key, Kept kept)
            throws Exception {
        List<String> checked = new ArrayList<>();
        for (Method setter : setters(type, key instanceof String ? String.class : int.class)) {
            statement.clearParameters();
            Object value = value(setter.getParameterTypes()[1]);
            setter.invoke(statement, arguments(setter, key, value));
            kept.check(setter, expectedHash(setter, value));
            checked.add(setter.getName());
        }
        return checked;
    }

    @Test
    void wholeAndIntegralFloatingNumbersHashAlikeWhicheverSetterBoundThem() throws Exception {
        TimedPreparedStatement statement = new TimedPreparedStatement(driver(PreparedStatement.class), connection,
                monitor.sqlInfo("select * from t where a = ?"));
        statement.setShort(1, (short) 7);
        assertThat(statement.parameters.holds(1, ParameterHashes.of(7L))).isTrue();
        statement.setFloat(1, 7.0f);
        assertThat(statement.parameters.holds(1, ParameterHashes.of(7L))).isTrue();
        statement.setObject(1, 7);
        assertThat(statement.parameters.holds(1, ParameterHashes.of(7L))).isTrue();
        statement.setDouble(1, 7.5);
        assertThat(statement.parameters.holds(1, ParameterHashes.of(7L))).isFalse();
    }

    /** @return the interface's setters whose first parameter is a {@code key} (index or name), sorted */
    private static List<Method> setters(Class<?> type, Class<?> key) {
        List<Method> setters = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getName().startsWith("set") && method.getParameterCount() >= 2
                    && method.getParameterTypes()[0] == key && method.getDeclaringClass() != java.sql.Statement.class) {
                setters.add(method);
            }
        }
        setters.sort((a, b) -> a.toString().compareTo(b.toString()));
        return setters;
    }

    private static Object[] arguments(Method setter, Object key, Object value) throws Exception {
        Object[] arguments = new Object[setter.getParameterCount()];
        arguments[0] = key;
        arguments[1] = value;
        for (int i = 2; i < arguments.length; i++) {
            arguments[i] = value(setter.getParameterTypes()[i]);
        }
        return arguments;
    }

    /** The hash each setter is specified to keep for {@code value}. */
    private static long expectedHash(Method setter, Object value) {
        Class<?> type = setter.getParameterTypes()[1];
        if (setter.getName().equals("setNull")) {
            return ParameterHashes.NULL;
        }
        if (type == boolean.class) {
            return ParameterHashes.of((boolean) value);
        }
        if (type == byte.class || type == short.class || type == int.class || type == long.class) {
            return ParameterHashes.of(((Number) value).longValue());
        }
        if (type == float.class || type == double.class) {
            return ParameterHashes.of(((Number) value).doubleValue());
        }
        if (type == String.class) {
            return ParameterHashes.of((String) value);
        }
        if (type == byte[].class) {
            return ParameterHashes.of((byte[]) value);
        }
        if (OPAQUE.contains(type)) {
            return ParameterHashes.opaque(value);
        }
        return ParameterHashes.ofObject(value);
    }

    /** A value of {@code type}: a real one for classes, a do-nothing proxy for JDBC interfaces. */
    private static Object value(Class<?> type) throws Exception {
        if (type == BigDecimal.class) {
            return new BigDecimal("12.50");
        }
        if (type == Date.class) {
            return Date.valueOf("2024-05-01");
        }
        if (type == Time.class) {
            return Time.valueOf("10:15:00");
        }
        if (type == Timestamp.class) {
            return Timestamp.valueOf("2024-05-01 10:15:00");
        }
        if (type == URL.class) {
            return new URL("http://example.com/a");
        }
        if (type == Calendar.class) {
            return Calendar.getInstance();
        }
        if (type == InputStream.class) {
            return new ByteArrayInputStream(new byte[] {1});
        }
        if (type == Reader.class) {
            return new StringReader("text");
        }
        if (type == Object.class) {
            return 42L;
        }
        Object simple = DelegationTest.defaultValue(type, true);
        return simple != null ? simple : driver(type);
    }

    /** A driver object answering every call with a plain value of its return type ({@link DelegationTest}'s). */
    private static <T> T driver(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(ParameterSettersTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> DelegationTest.defaultValue(method.getReturnType(), false)));
    }
}
