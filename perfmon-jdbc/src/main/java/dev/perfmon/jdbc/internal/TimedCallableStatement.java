package dev.perfmon.jdbc.internal;

import dev.perfmon.jdbc.codegen.GenerateDelegating;
import org.jspecify.annotations.Nullable;

import java.sql.CallableStatement;

/**
 * A {@link CallableStatement} timed like {@link TimedPreparedStatement}; its getters and the
 * rest pass straight through ({@link DelegatingCallableStatement}), and its generated named
 * setters report each bound value to a {@code bound} hook here, which keeps its hash.
 */
@GenerateDelegating(value = CallableStatement.class, parameterHooks = true)
public class TimedCallableStatement extends TimedPreparedStatement implements DelegatingCallableStatement {

    final CallableStatement cs;

    TimedCallableStatement(CallableStatement cs, TimedConnection connection, SqlInfo info) {
        super(cs, connection, info);
        this.cs = cs;
    }

    /** @return the driver's statement */
    @Override
    public CallableStatement delegate() {
        return cs;
    }

    // ---- the generated named setters report each value they bound; only its hash is kept ---

    @Override
    public void bound(String name, long value) {
        held().setNamed(name, ParameterHashes.of(value));
    }

    @Override
    public void bound(String name, double value) {
        held().setNamed(name, ParameterHashes.of(value));
    }

    @Override
    public void bound(String name, boolean value) {
        held().setNamed(name, ParameterHashes.of(value));
    }

    @Override
    public void bound(String name, @Nullable Object value) {
        held().setNamed(name, ParameterHashes.ofObject(value));
    }
}
