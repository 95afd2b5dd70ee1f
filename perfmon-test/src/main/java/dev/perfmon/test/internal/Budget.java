package dev.perfmon.test.internal;

import dev.perfmon.jdbc.StatementCounts;
import dev.perfmon.jdbc.StatementType;
import dev.perfmon.test.ExpectStatements;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One {@link ExpectStatements} budget, validated.
 *
 * @param types the types counted; every type when empty
 * @param limit the number of round trips allowed
 * @param exact whether exactly {@code limit} are expected, rather than at most
 */
public record Budget(Set<StatementType> types, int limit, boolean exact) {

    public Budget {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    }

    /**
     * @throws IllegalArgumentException unless exactly one of {@code max} and {@code count} is given, and not negative
     */
    public static Budget of(ExpectStatements annotation) {
        int max = annotation.max();
        int count = annotation.count();
        if ((max < 0) == (count < 0) || max < -1 || count < -1) {
            throw new IllegalArgumentException("@ExpectStatements needs exactly one of max and count, zero or more;"
                    + " was max = " + max + ", count = " + count);
        }
        Set<StatementType> types = annotation.type().length == 0
                ? Set.of() : EnumSet.copyOf(Arrays.asList(annotation.type()));
        return new Budget(types, max >= 0 ? max : count, count >= 0);
    }

    /** @return whether this budget counts statements of {@code type} */
    public boolean counts(StatementType type) {
        return types.isEmpty() || types.contains(type);
    }

    /** @return the round trips of {@code counts} this budget counts */
    public long counted(StatementCounts counts) {
        if (types.isEmpty()) {
            return counts.total();
        }
        long sum = 0;
        for (StatementType type : types) {
            sum += counts.get(type);
        }
        return sum;
    }

    /** @return whether {@code ran} round trips keep the budget */
    public boolean holds(long ran) {
        return exact ? ran == limit : ran <= limit;
    }

    /** @return {@code at most 3 statements}, {@code exactly 1 select statement}, {@code at most 2 insert or update statements} */
    public String expectation() {
        return (exact ? "exactly " : "at most ") + limit + ' ' + what(limit);
    }

    /** @return {@code statements}, {@code select statement}, {@code insert or update statements} */
    public String what(long n) {
        String noun = n == 1 ? "statement" : "statements";
        if (types.isEmpty()) {
            return noun;
        }
        StringJoiner joined = new StringJoiner(" or ");
        for (StatementType type : StatementType.values()) {
            if (types.contains(type)) {
                joined.add(type.name().toLowerCase(Locale.ROOT));
            }
        }
        return joined + " " + noun;
    }
}
