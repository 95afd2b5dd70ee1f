package dev.perfmon.jdbc.hibernate;

import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Tells which lazy to-one association a proxy being initialised belongs to, by finding the
 * managed entity whose loaded state holds that proxy (bounded to {@link #MAX_SCAN} managed
 * entities per load), or that no managed entity holds it: a proxy the application asked for
 * itself ({@code getReference}), which is a load by id, not an association.
 */
final class ProxyOwners {

    static final int MAX_SCAN = 5000;

    private ProxyOwners() {
    }

    /**
     * What the scan found.
     *
     * @param association the association holding the proxy, or {@code null}
     * @param unowned whether every managed entity was looked at and none holds the proxy
     */
    record Owner(ToOnes.@Nullable ToOne association, boolean unowned) {
        static final Owner UNKNOWN = new Owner(null, false);
        static final Owner NONE = new Owner(null, true);
    }

    /** @return the association holding the proxy being loaded, or why there is none */
    static Owner owner(LoadEvent event, EntityPersister target, List<ToOnes.ToOne> candidates) {
        EventSource session = event.getSession();
        Object id = event.getEntityId();
        if (session == null || id == null) {
            return Owner.UNKNOWN;
        }
        PersistenceContext context = session.getPersistenceContextInternal();
        Object proxy = context.getProxy(session.generateEntityKey(id, target));
        if (proxy == null) {
            return Owner.UNKNOWN;
        }
        int scanned = 0;
        for (EntityHolder holder : context.getEntityHoldersByKey().values()) {
            if (++scanned > MAX_SCAN) {
                return Owner.UNKNOWN;
            }
            EntityEntry entry = holder.getEntityEntry();
            Object[] state = entry == null ? null : entry.getLoadedState();
            if (state == null) {
                continue;
            }
            EntityKey key = holder.getEntityKey();
            String ownerName = key == null ? null : key.getEntityName();
            for (ToOnes.ToOne candidate : candidates) {
                if (ownerName != null && candidate.owner.isSubclassEntityName(ownerName)
                        && candidate.position < state.length && state[candidate.position] == proxy) {
                    return new Owner(candidate, false);
                }
            }
        }
        return Owner.NONE;
    }
}
