package dev.perfmon.test;

import dev.perfmon.jdbc.StatementType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A statement budget for a test, checked by {@link PerfMonExtension} after the test ran: the SQL
 * round trips of the test method's own scope and of every other scope that closed meanwhile
 * (requests served by an embedded container, MockMvc requests through {@code PerfMonFilter}).
 * A JDBC batch is one round trip.
 *
 * <pre>{@code
 * @Test
 * @ExpectStatements(max = 3)                               // all types
 * @ExpectStatements(type = StatementType.SELECT, count = 1) // exactly one select
 * void placesAnOrder() { ... }
 * }</pre>
 *
 * Give exactly one of {@link #max()} and {@link #count()}. On a class, a budget applies to each
 * test; a method's budget for the same {@link #type()} replaces the class's.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(ExpectStatements.List.class)
public @interface ExpectStatements {

    /** @return the statement types counted; empty (the default) counts every type */
    StatementType[] type() default {};

    /** @return the most round trips allowed; -1 for no maximum */
    int max() default -1;

    /** @return the exact number of round trips expected; -1 for none */
    int count() default -1;

    /** Holds repeated {@link ExpectStatements} budgets. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @interface List {
        /** @return the budgets */
        ExpectStatements[] value();
    }
}
