package dev.perfmon.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test (on a method) or every test of a class pass with duplicate-query findings: the same
 * statement with the same parameters run again within one scope. N+1 findings and statement
 * budgets still apply.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowDuplicates {

    /** @return why the repetition is intended, for the reader */
    String value() default "";
}
