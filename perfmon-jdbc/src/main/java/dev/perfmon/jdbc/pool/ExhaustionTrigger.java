package dev.perfmon.jdbc.pool;

/** What opened a pool-exhaustion episode. */
public enum ExhaustionTrigger {
    /** Threads were waiting while every connection was busy for longer than the exhaustion threshold. */
    SATURATION,
    /** One acquisition waited longer than the exhaustion threshold while the pool was full. */
    LONG_WAIT,
    /** An acquisition timed out ({@link java.sql.SQLTransientConnectionException} from HikariCP). */
    TIMEOUT
}
