package dev.perfmon.core.internal;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;

import java.util.Objects;

/**
 * Delivers events to listeners. Publishers ask {@link #hasListeners()} before building an
 * event, so nothing is allocated while nobody listens. Listener failures are contained.
 */
public final class EventBus {

    private static final PerfMonListener[] NONE = new PerfMonListener[0];

    private final InternalErrors errors;
    private volatile PerfMonListener[] listeners = NONE;

    public EventBus(InternalErrors errors) {
        this.errors = errors;
    }

    public boolean hasListeners() {
        return listeners.length > 0;
    }

    public synchronized void add(PerfMonListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners = CopyOnWrite.plus(listeners, listener);
    }

    public synchronized boolean remove(PerfMonListener listener) {
        PerfMonListener[] current = listeners;
        listeners = CopyOnWrite.minus(current, listener);
        return listeners != current;
    }

    public void publish(PerfMonEvent event) {
        for (PerfMonListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (Throwable failure) {
                if (failure instanceof VirtualMachineError) {
                    throw (VirtualMachineError) failure;
                }
                errors.record("listener", failure);
            }
        }
    }
}
