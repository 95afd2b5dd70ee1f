package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCause;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns Hibernate load events into {@link LoadCause}s named after the mapping: collection roles
 * ({@code Post.comments}), to-one associations ({@code Comment.author}) and lookups by id
 * ({@code find(Post)}). Names are computed from the metamodel once and cached; only a proxy
 * whose entity is the target of several to-one associations needs a look at the persistence
 * context to tell which one (bounded to {@link #MAX_SCAN} managed entities).
 */
final class Associations {

    static final int MAX_SCAN = 5000;

    private final SessionFactoryImplementor factory;
    private final ConcurrentMap<String, LoadCause> collections = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LoadCause> finds = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<ToOne>> lazyTargets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<ToOne>> eagerTargets = new ConcurrentHashMap<>();

    Associations(SessionFactoryImplementor factory) {
        this.factory = factory;
    }

    // ---- collections -------------------------------------------------------------------------

    LoadCause collection(InitializeCollectionEvent event) {
        CollectionPersister persister = event.getCollectionPersister();
        String role = persister != null ? persister.getRole() : event.getCollection().getRole();
        if (role == null) {
            return null;
        }
        LoadCause cause = collections.get(role);
        if (cause == null) {
            cause = collections.computeIfAbsent(role, r -> collectionCause(r, persister));
        }
        return cause;
    }

    private LoadCause collectionCause(String role, CollectionPersister persister) {
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

    LoadCause find(LoadEvent event) {
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
    LoadCause proxy(LoadEvent event, boolean lazy) {
        String entityName = event.getEntityClassName();
        if (entityName == null) {
            return null;
        }
        EntityPersister target = factory.getMappingMetamodel().getEntityDescriptor(entityName);
        List<ToOne> candidates = (lazy ? lazyTargets : eagerTargets)
                .computeIfAbsent(target.getEntityName(), name -> toOnesTargeting(target, lazy));
        boolean batched = target.getBatchSize() > 1;
        ToOne association = null;
        if (candidates.size() == 1) {
            association = candidates.get(0);
        } else if (candidates.size() > 1 && lazy) {
            association = owningAssociation(event, target, candidates);
        }
        String entity = simpleName(target);
        if (association != null) {
            return association.cause(entity, batched, lazy);
        }
        String name = candidates.isEmpty() ? entity : entity + " (" + joinNames(candidates) + ")";
        return new LoadCause(name, "join fetch the association, an entity graph, or @BatchSize on " + entity
                + " (or hibernate.default_batch_fetch_size)", batched);
    }

    /** Finds which managed entity holds the proxy being initialised, and so which association it is. */
    private ToOne owningAssociation(LoadEvent event, EntityPersister target, List<ToOne> candidates) {
        EventSource session = event.getSession();
        Object id = event.getEntityId();
        if (session == null || id == null) {
            return null;
        }
        PersistenceContext context = session.getPersistenceContextInternal();
        Object proxy = context.getProxy(session.generateEntityKey(id, target));
        if (proxy == null) {
            return null;
        }
        int scanned = 0;
        for (EntityHolder holder : context.getEntityHoldersByKey().values()) {
            if (++scanned > MAX_SCAN) {
                break;
            }
            EntityEntry entry = holder.getEntityEntry();
            Object[] state = entry == null ? null : entry.getLoadedState();
            if (state == null) {
                continue;
            }
            EntityKey key = holder.getEntityKey();
            String ownerName = key == null ? null : key.getEntityName();
            for (ToOne candidate : candidates) {
                if (ownerName != null && candidate.owner.isSubclassEntityName(ownerName)
                        && candidate.position < state.length && state[candidate.position] == proxy) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private List<ToOne> toOnesTargeting(EntityPersister target, boolean lazy) {
        List<ToOne> all = new ArrayList<>();
        factory.getMappingMetamodel().forEachEntityDescriptor(owner -> owner.visitDeclaredAttributeMappings(attribute -> {
            if (attribute instanceof ToOneAttributeMapping) {
                ToOneAttributeMapping toOne = (ToOneAttributeMapping) attribute;
                EntityPersister associated = toOne.getAssociatedEntityMappingType().getEntityPersister();
                if (associated.isSubclassEntityName(target.getEntityName())) {
                    all.add(new ToOne(owner, toOne.getAttributeName(), toOne.getStateArrayPosition(), toOne.isLazy()));
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

    static String simpleName(EntityPersister persister) {
        Class<?> mapped = persister.getMappedClass();
        if (mapped != null && mapped != java.util.Map.class) {
            return mapped.getSimpleName();
        }
        String name = persister.getEntityName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** A to-one attribute of an owner entity. */
    private static final class ToOne {
        final EntityPersister owner;
        final String attribute;
        final int position;
        final boolean lazy;
        private volatile LoadCause[] causes;

        ToOne(EntityPersister owner, String attribute, int position, boolean lazy) {
            this.owner = owner;
            this.attribute = attribute;
            this.position = position;
            this.lazy = lazy;
        }

        String name() {
            return simpleName(owner) + "." + attribute;
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
    }
}
