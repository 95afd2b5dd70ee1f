package dev.perfmon.jdbc.pool;

import dev.perfmon.core.internal.Require;
import dev.perfmon.jdbc.pool.internal.Durations;
import dev.perfmon.jdbc.pool.internal.StackFrames;

import java.time.Duration;
import java.util.List;

/**
 * A connection in use: who borrowed it and for how long it has been held.
 *
 * @param route the route of the request scope that borrowed it, or {@code none} outside a scope
 * @param thread the name of the borrowing thread
 * @param heldFor how long it has been held (to within the monitor's sample interval)
 * @param acquisitionStack where it was borrowed: the stack of the {@code getConnection} call
 *     with HikariCP's and perfmon's frames removed; empty unless acquisition stacks are enabled
 *     ({@link PerfMonPoolMonitor.Builder#captureAcquisitionStacks(boolean)})
 * @param currentStack what the borrowing thread was doing when the finding was made (its top
 *     frames); empty in snapshots taken without stacks
 */
public record ConnectionHolder(String route, String thread, Duration heldFor,
                               List<StackTraceElement> acquisitionStack,
                               List<StackTraceElement> currentStack) {

    public ConnectionHolder {
        Require.nonNull("route, thread, heldFor", route, thread, heldFor);
        acquisitionStack = List.copyOf(acquisitionStack);
        currentStack = List.copyOf(currentStack);
    }

    /**
     * @return the first application frame of the acquisition stack ({@code Class.method(File:line)}),
     *     or {@code unknown} when acquisition stacks are disabled
     */
    public String acquisitionSite() {
        return StackFrames.site(acquisitionStack);
    }

    @Override
    public String toString() {
        String site = acquisitionStack.isEmpty() ? "" : ", at " + acquisitionSite();
        return route + " (" + Durations.format(heldFor) + ", thread " + thread + site + ')';
    }
}
