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
 * interface the wrapper implements returns the wrapper), then ask the delegate. A method that
 * answers {@link #value()} itself (a builder's fluent setter) passes the call and returns the
 * wrapper, so a chain of calls stays on it.
 *
 * <p>When a superinterface of {@link #value()} is also requested in the same package, the
 * generated interface extends that one's and leaves its methods to it, so wrapper classes can
 * form the same hierarchy as the JDBC interfaces ({@code Statement}, {@code PreparedStatement},
 * {@code CallableStatement}).
 *
 * <p>With {@link #parameterHooks()}, each parameter setter of {@link #value()} (a {@code set}
 * method whose first parameter is the parameter's index or name) also tells the wrapper what it
 * bound, after the delegate took it: it calls {@code bound(indexOrName, value)}, one of four
 * abstract hooks the generated interface declares per key type, chosen by the value's type
 * without boxing: {@code long} (whole numbers), {@code double} (floating point),
 * {@code boolean}, and {@code @Nullable Object} for the rest; {@code setNull} passes
 * {@code null}. A wrapper then writes what it does with a bound value once, not per setter.
 *
 * <p>With {@link #wrapReturned()}, each method answering one of those types hands the delegate's
 * answer to an abstract hook {@code wrapped(answer)}, or {@code wrapped(answer, sql)} when its
 * first parameter is a {@code String} (the statement text), and returns what the hook returns:
 * a connection wraps every statement it makes in one place, whichever overload made it.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface GenerateDelegating {

    /** @return the interface whose methods are passed through */
    Class<?> value();

    /** @return whether parameter setters report what they bound to the {@code bound} hooks */
    boolean parameterHooks() default false;

    /** @return the types whose instances the generated methods hand to a {@code wrapped} hook before returning them */
    Class<?>[] wrapReturned() default {};
}
