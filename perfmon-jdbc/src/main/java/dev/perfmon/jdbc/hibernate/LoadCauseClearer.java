package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCauses;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.InitializeCollectionEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;

/**
 * Runs after Hibernate's own listeners: the load is over, so a cause no statement consumed (the
 * entity was already in the persistence context) must not be pinned on an unrelated statement.
 */
final class LoadCauseClearer implements InitializeCollectionEventListener, LoadEventListener {

    @Override
    public void onInitializeCollection(InitializeCollectionEvent event) {
        LoadCauses.clear();
    }

    @Override
    public void onLoad(LoadEvent event, LoadType loadType) {
        LoadCauses.clear();
    }
}
