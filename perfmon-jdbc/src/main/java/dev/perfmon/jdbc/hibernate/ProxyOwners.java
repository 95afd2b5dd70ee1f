package dev.perfmon.jdbc.hibernate;

import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.persister.entity.EntityPersister;

import java.util.List;

/**
 * Tells which of several lazy to-one associations a proxy being initialised belongs to, by
 * finding the managed entity whose loaded state holds that proxy (bounded to {@link #MAX_SCAN}
 * managed entities per load).
 */
final class ProxyOwners {

    static final int MAX_SCAN = 5000;

    private ProxyOwners() {
    }

    /** @return the association holding the proxy being loaded, or {@code null} when not found */
    static ToOnes.ToOne owner(LoadEvent event, EntityPersister target, List<ToOnes.ToOne> candidates) {
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
            for (ToOnes.ToOne candidate : candidates) {
                if (ownerName != null && candidate.owner.isSubclassEntityName(ownerName)
                        && candidate.position < state.length && state[candidate.position] == proxy) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
