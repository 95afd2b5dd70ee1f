package dev.perfmon.jdbc.codegen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link DelegatingProcessor} for a package-private interface {@code Delegating<Name>} next to
 * the annotated class: it extends {@link #value()} and passes every method of it, defaults
 * included, to an abstract {@code delegate()}. The annotated class implements that interface,
 * returns its wrapped object from {@code delegate()} and overrides only what it adds. The
 * {@code java.sql.Wrapper} methods answer for the wrapper itself first ({@code unwrap} to an
 * interface the wrapper implements returns the wrapper), then ask the delegate.
 *
 * <p>When a superinterface of {@link #value()} is also requested in the same package, the
 * generated interface extends that one's and leaves its methods to it, so wrapper classes can
 * form the same hierarchy as the JDBC interfaces ({@code Statement}, {@code PreparedStatement},
 * {@code CallableStatement}).
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface GenerateDelegating {

    /** @return the interface whose methods are passed through */
    Class<?> value();
}
