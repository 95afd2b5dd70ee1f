package dev.perfmon.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.redis.internal.CommandMark;
import io.lettuce.core.event.command.CommandBaseEvent;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.micrometer.core.instrument.Clock;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Lettuce {@link CommandListener} that adds the time of every command sent inside a request
 * scope to that scope's {@code redis} segment, for the Redis calls an application makes without
 * the caches ({@code connection.sync().hgetall(...)}). Commands the caches send are marked and
 * skipped, since the caches record their own time: nothing is counted twice.
 *
 * <p>The scope is the one bound to the thread that sends the command; the time runs from the
 * send to the reply (measured with the {@link PerfMon} clock in nanoseconds, not Lettuce's
 * millisecond timestamps), and is added when the reply arrives (on Lettuce's event loop). A
 * reply arriving after the scope closed is ignored. Register it on the client:
 * {@code client.addListener(PerfMonRedis.commandListener(perfMon))}. Command latency as such
 * comes from Lettuce's own recorder ({@link PerfMonRedis#clientResources(PerfMon)}).
 */
public final class PerfMonCommandListener implements CommandListener {

    private static final String CONTEXT_KEY = "dev.perfmon.redis.started";

    private final PerfMon perfMon;
    private final Clock clock;

    /** @param perfMon whose request scopes receive the time */
    public PerfMonCommandListener(PerfMon perfMon) {
        this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
        this.clock = perfMon.clock();
        CommandMark.enable();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        try {
            if (CommandMark.isMarked()) {
                return;
            }
            RequestScope scope = perfMon.currentScope();
            if (scope != null) {
                long start = clock.monotonicTime();
                String type = commandName(event.getCommand().getType()); // the command's name, never its keys
                scope.enter(Segment.REDIS, type, start);
                event.getContext().put(CONTEXT_KEY, new Started(scope.retain(), start, type));
            }
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure("redis-command-listener", failure);
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        completed(event);
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        completed(event);
    }

    private void completed(CommandBaseEvent event) {
        try {
            Object started = event.getContext().get(CONTEXT_KEY);
            if (started instanceof Started) {
                Started s = (Started) started;
                long nanos = clock.monotonicTime() - s.nanos;
                s.scope.recordSegment(Segment.REDIS, nanos);
                s.scope.timeline(Segment.REDIS, s.type, s.nanos, nanos);
            }
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure("redis-command-listener", failure);
        }
    }

    /** Where and when a command was sent. */
    private static final class Started {
        final RequestScope scope;
        final long nanos;
        final String type;

        Started(RequestScope scope, long nanos, String type) {
            this.scope = scope;
            this.nanos = nanos;
            this.type = type;
        }
    }

    /**
     * The command's name without {@code ProtocolKeyword.name()}, which Lettuce 6 does not have:
     * Lettuce's own commands are enum constants (no allocation); any other keyword is read from its
     * bytes.
     */
    private static String commandName(ProtocolKeyword keyword) {
        if (keyword instanceof Enum<?> constant) {
            return constant.name();
        }
        return new String(keyword.getBytes(), StandardCharsets.US_ASCII);
    }
}
