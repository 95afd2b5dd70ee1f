package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Names statements that load an association by a unique key, for which an ORM fires no load
 * event: Hibernate loads the inverse side of a one-to-one ({@code @OneToOne(mappedBy = ...)})
 * with a select on the owning side's table by its unique foreign key, one row per owner the
 * query did not fetch. An ORM integration registers its mapping (table, key column, the
 * association's name); a statement whose fingerprint selects from that table by exactly that
 * column takes the association as its cause. Read only when a scope closes with repeated
 * statements that no load event named; the mapping is read on first use (the ORM's metamodel
 * is complete by then) and matches are cached per fingerprint. Pure JDK.
 */
public final class UniqueKeyLoads {

    /** Fingerprints remembered with their answer; past this, matches are computed each time. */
    static final int MAX_CACHED = 4096;

    /**
     * One association loaded by a unique key.
     *
     * @param table the table selected from, as the ORM writes it
     * @param column the unique key column the select is restricted by
     * @param cause the association ({@code Account.settings}) and the fix to consider
     */
    public record Load(String table, String column, @Nullable LoadCause cause) {
    }

    private static final List<Supplier<List<Load>>> PENDING = new ArrayList<>();
    private static volatile List<Load> loads = List.of();
    private static volatile boolean any;
    private static final Map<String, Optional<LoadCause>> MATCHES = new ConcurrentHashMap<>();

    private UniqueKeyLoads() {
    }

    /** @param mapping read once, on first use: the model's loads by unique key (it may throw, and then counts as none) */
    public static synchronized void register(Supplier<List<Load>> mapping) {
        PENDING.add(mapping);
        any = true;
    }

    /** @return the association {@code fingerprint} loads by a unique key, or {@code null} */
    static @Nullable LoadCause match(String fingerprint) {
        if (!any) {
            return null;
        }
        Optional<LoadCause> known = MATCHES.get(fingerprint);
        if (known != null) {
            return known.orElse(null);
        }
        LoadCause cause = find(fingerprint, current());
        if (MATCHES.size() < MAX_CACHED) {
            MATCHES.put(fingerprint, Optional.ofNullable(cause));
        }
        return cause;
    }

    private static List<Load> current() {
        if (PENDING.isEmpty()) {
            return loads;
        }
        synchronized (UniqueKeyLoads.class) {
            if (!PENDING.isEmpty()) {
                List<Load> all = new ArrayList<>(loads);
                for (Supplier<List<Load>> mapping : PENDING) {
                    try {
                        all.addAll(mapping.get());
                    } catch (RuntimeException | LinkageError e) {
                        // The integration counts its own failures; the statements stay unnamed.
                    }
                }
                PENDING.clear();
                loads = List.copyOf(all);
                MATCHES.clear();
            }
            return loads;
        }
    }

    /** {@code from <table> <alias> ... where <alias>.<column>=?}, the restriction being the key alone. */
    static @Nullable LoadCause find(String fingerprint, List<Load> loads) {
        for (Load load : loads) {
            String table = load.table().toLowerCase(Locale.ROOT);
            int from = fingerprint.indexOf(" from " + table + " ");
            if (from < 0) {
                continue;
            }
            int aliasStart = from + 7 + table.length();
            int aliasEnd = fingerprint.indexOf(' ', aliasStart);
            if (aliasEnd < 0) {
                continue;
            }
            String alias = fingerprint.substring(aliasStart, aliasEnd);
            String restriction = " where " + alias + "." + load.column().toLowerCase(Locale.ROOT);
            if (fingerprint.endsWith(restriction + "=?") || fingerprint.endsWith(restriction + " = ?")) {
                return load.cause();
            }
        }
        return null;
    }
}
