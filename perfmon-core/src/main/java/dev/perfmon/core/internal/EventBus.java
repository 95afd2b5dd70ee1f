package dev.perfmon.core.internal;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;

import java.util.Arrays;
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
        PerfMonListener[] current = listeners;
        PerfMonListener[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = listener;
        listeners = next;
    }

    public synchronized boolean remove(PerfMonListener listener) {
        PerfMonListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                PerfMonListener[] next = new PerfMonListener[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                listeners = next;
                return true;
            }
        }
        return false;
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
