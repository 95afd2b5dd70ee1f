package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCause;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns Hibernate load events into {@link LoadCause}s named after the mapping: collection roles
 * ({@code Post.comments}), to-one associations ({@code Comment.author}) and lookups by id
 * ({@code find(Post)}). Names are computed from the metamodel once per role or entity and
 * cached; a proxy being initialised needs a look at the persistence context to tell which
 * association holds it, if any ({@link ProxyOwners}): one that none holds came from
 * {@code getReference}, a lookup by id.
 */
final class Associations {

    private final SessionFactoryImplementor factory;
    private final ToOnes toOnes;
    private final ConcurrentMap<String, LoadCause> collections = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LoadCause> finds = new ConcurrentHashMap<>();

    Associations(SessionFactoryImplementor factory) {
        this.factory = factory;
        this.toOnes = new ToOnes(factory);
    }

    // ---- collections -------------------------------------------------------------------------

    /** @return the cause of an uninitialised collection's load, named by its role */
    @Nullable LoadCause collection(InitializeCollectionEvent event) {
        PersistentCollection<?> collection = event.getCollection();
        String role = collection == null ? null : collection.getRole();
        if (role == null) {
            return null;
        }
        LoadCause cause = collections.get(role);
        if (cause == null) {
            cause = collections.computeIfAbsent(role, this::collectionCause);
        }
        return cause;
    }

    private LoadCause collectionCause(String role) {
        CollectionPersister persister = factory.getMappingMetamodel().findCollectionDescriptor(role);
        String name = role;
        boolean batched = false;
        if (persister != null) {
            EntityPersister owner = persister.getOwnerEntityPersister();
            String ownerName = owner.getEntityName();
            String path = role.startsWith(ownerName + ".") ? role.substring(ownerName.length() + 1) : role;
            name = simpleName(owner) + "." + path;
            batched = persister.getBatchSize() > 1;
        }
        return new LoadCause(name, "join fetch " + name + ", an entity graph, or @BatchSize on " + name
                + " (or hibernate.default_batch_fetch_size)", batched);
    }

    // ---- loads by id -------------------------------------------------------------------------

    @Nullable LoadCause find(LoadEvent event) {
        String entityName = event.getEntityClassName();
        if (entityName == null) {
            return null;
        }
        LoadCause cause = finds.get(entityName);
        if (cause == null) {
            cause = finds.computeIfAbsent(entityName, name -> {
                String simple = simpleName(factory.getMappingMetamodel().getEntityDescriptor(name));
                return new LoadCause("find(" + simple + ")", "loading all ids at once: session.findMultiple("
                        + simple + ".class, ids) or one query with 'where id in :ids'", false);
            });
        }
        return cause;
    }

    // ---- to-one associations -----------------------------------------------------------------

    /**
     * @param lazy {@code true} for a proxy being initialised, {@code false} for an eager
     *     association loaded by a secondary select
     */
    @Nullable LoadCause proxy(LoadEvent event, boolean lazy) {
        String entityName = event.getEntityClassName();
        if (entityName == null) {
            return null;
        }
        EntityPersister target = factory.getMappingMetamodel().getEntityDescriptor(entityName);
        List<ToOnes.ToOne> candidates = toOnes.targeting(target, lazy);
        boolean batched = target.getBatchSize() > 1;
        ToOnes.ToOne association = null;
        if (lazy && !candidates.isEmpty()) {
            // Even a single candidate is checked: a proxy from getReference belongs to no association.
            ProxyOwners.Owner owner = ProxyOwners.owner(event, target, candidates);
            if (owner.unowned()) {
                return find(event);
            }
            association = owner.association() != null ? owner.association()
                    : candidates.size() == 1 ? candidates.get(0) : null;
        } else if (candidates.size() == 1) {
            association = candidates.get(0);
        }
        String entity = simpleName(target);
        if (association != null) {
            return association.cause(entity, batched, lazy);
        }
        return toOnes.unresolved(target, entity, lazy, batched);
    }

    static String simpleName(EntityPersister persister) {
        Class<?> mapped = persister.getMappedClass();
        if (mapped != null && mapped != java.util.Map.class) {
            return mapped.getSimpleName();
        }
        String name = persister.getEntityName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
