package dev.perfmon.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test (on a method) or every test of a class pass with N+1 findings: for a loop that is
 * meant to run one statement per item. Statement budgets still apply. For a loop inside the
 * application, prefer {@code NPlusOne.pause(perfMon)} around that loop, so the rest of the test
 * stays checked.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowNPlusOne {

    /** @return why the loop is intended, for the reader */
    String value() default "";
}
