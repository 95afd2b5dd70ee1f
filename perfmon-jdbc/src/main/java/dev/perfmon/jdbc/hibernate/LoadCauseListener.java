package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCause;
import dev.perfmon.jdbc.internal.LoadCauses;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.InitializeCollectionEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;

/**
 * Runs before Hibernate's own listeners and tells the JDBC layer what the coming statement
 * loads. Never throws: a failure to name a cause only leaves the finding without a name, and is
 * counted and logged once through {@link ListenerFailures}.
 */
final class LoadCauseListener implements InitializeCollectionEventListener, LoadEventListener {

    private final Associations associations;
    private final ListenerFailures failures;

    LoadCauseListener(Associations associations, ListenerFailures failures) {
        this.associations = associations;
        this.failures = failures;
    }

    @Override
    public void onInitializeCollection(InitializeCollectionEvent event) {
        try {
            if (event.getCollection() != null && !event.getCollection().wasInitialized()) {
                LoadCauses.set(associations.collection(event));
            }
        } catch (RuntimeException | LinkageError e) {
            LoadCauses.clear();
            failures.record(e);
        }
    }

    @Override
    public void onLoad(LoadEvent event, LoadType loadType) {
        try {
            LoadCause cause = null;
            if (loadType == IMMEDIATE_LOAD) {
                cause = associations.proxy(event, true);
            } else if (loadType == INTERNAL_LOAD_EAGER || loadType == INTERNAL_LOAD_NULLABLE) {
                cause = associations.proxy(event, false);
            } else if (loadType == GET || loadType == LOAD) {
                cause = associations.find(event);
            }
            if (cause != null) {
                LoadCauses.set(cause);
            }
        } catch (RuntimeException | LinkageError e) {
            LoadCauses.clear();
            failures.record(e);
        }
    }
}
