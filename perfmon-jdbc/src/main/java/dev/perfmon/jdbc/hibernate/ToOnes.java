package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCause;
import org.hibernate.engine.FetchTiming;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The to-one associations of the model, by target entity and fetch timing, read from the
 * metamodel once per target. Lazy and eager are told apart by the mapping's fetch timing
 * ({@link FetchTiming#DELAYED} for {@code fetch = LAZY}), not by
 * {@code ToOneAttributeMapping.isLazy()}, which on Hibernate 7 is true only for
 * bytecode-enhanced attributes. A proxy being initialised can only come from a lazy association,
 * a secondary select for a to-one only from an eager one.
 */
final class ToOnes {

    private final SessionFactoryImplementor factory;
    private final ConcurrentMap<String, List<ToOne>> lazyTargets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<ToOne>> eagerTargets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LoadCause> unresolvedLazy = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LoadCause> unresolvedEager = new ConcurrentHashMap<>();

    ToOnes(SessionFactoryImplementor factory) {
        this.factory = factory;
    }

    /**
     * @return the lazy (or eager) to-one associations whose target is {@code target} or a
     *     supertype of it; all of them when none has that fetch timing
     */
    List<ToOne> targeting(EntityPersister target, boolean lazy) {
        ConcurrentMap<String, List<ToOne>> cache = lazy ? lazyTargets : eagerTargets;
        List<ToOne> candidates = cache.get(target.getEntityName());
        if (candidates == null) {
            candidates = cache.computeIfAbsent(target.getEntityName(), name -> scan(target, lazy));
        }
        return candidates;
    }

    /**
     * @return the cause of a to-one load whose association is not known: the entity and the
     *     candidates of {@link #targeting(EntityPersister, boolean)}
     */
    LoadCause unresolved(EntityPersister target, String entity, boolean lazy, boolean batched) {
        ConcurrentMap<String, LoadCause> cache = lazy ? unresolvedLazy : unresolvedEager;
        LoadCause cause = cache.get(target.getEntityName());
        if (cause == null) {
            List<ToOne> candidates = targeting(target, lazy);
            String name = candidates.isEmpty() ? entity : entity + " (" + joinNames(candidates) + ")";
            cause = cache.computeIfAbsent(target.getEntityName(), k -> new LoadCause(name, "join fetch the association,"
                    + " an entity graph, or @BatchSize on " + entity + " (or hibernate.default_batch_fetch_size)", batched));
        }
        return cause;
    }

    private List<ToOne> scan(EntityPersister target, boolean lazy) {
        List<ToOne> all = new ArrayList<>();
        factory.getMappingMetamodel().forEachEntityDescriptor(owner -> owner.visitDeclaredAttributeMappings(attribute -> {
            if (attribute instanceof ToOneAttributeMapping) {
                ToOneAttributeMapping toOne = (ToOneAttributeMapping) attribute;
                EntityPersister associated = toOne.getAssociatedEntityMappingType().getEntityPersister();
                if (associated.isSubclassEntityName(target.getEntityName())) {
                    boolean delayed = toOne.getMappedFetchOptions().getTiming() == FetchTiming.DELAYED;
                    all.add(new ToOne(owner, toOne.getAttributeName(), toOne.getStateArrayPosition(), delayed));
                }
            }
        }));
        List<ToOne> matching = new ArrayList<>();
        for (ToOne toOne : all) {
            if (toOne.lazy == lazy) {
                matching.add(toOne);
            }
        }
        return List.copyOf(matching.isEmpty() ? all : matching);
    }

    private static String joinNames(List<ToOne> candidates) {
        StringBuilder b = new StringBuilder();
        for (ToOne candidate : candidates) {
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append(candidate.name());
        }
        return b.toString();
    }

    /** A to-one attribute of an owner entity. */
    static final class ToOne {
        final EntityPersister owner;
        final String attribute;
        final int position;
        final boolean lazy;
        private volatile LoadCause @Nullable [] causes;

        ToOne(EntityPersister owner, String attribute, int position, boolean lazy) {
            this.owner = owner;
            this.attribute = attribute;
            this.position = position;
            this.lazy = lazy;
        }

        String name() {
            return Associations.simpleName(owner) + "." + attribute;
        }

        LoadCause cause(String entity, boolean batched, boolean initialisingProxy) {
            LoadCause[] cached = causes;
            int index = (batched ? 1 : 0) + (initialisingProxy ? 2 : 0);
            if (cached != null && cached[index] != null) {
                return cached[index];
            }
            String name = name();
            String suggestion = initialisingProxy
                    ? "join fetch " + name + ", an entity graph, or @BatchSize on " + entity
                            + " (or hibernate.default_batch_fetch_size)"
                    : "join fetch " + name + " in the query (an eager association the query does not fetch is"
                            + " loaded one row at a time), or @BatchSize on " + entity;
            LoadCause cause = new LoadCause(name, suggestion, batched);
            LoadCause[] next = cached == null ? new LoadCause[4] : cached.clone();
            next[index] = cause;
            causes = next;
            return cause;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
