package dev.perfmon.testsupport;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what a logger (and its children) writes through {@code java.util.logging}, where
 * {@code System.Logger} lines go by default. Use with try-with-resources.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final @Nullable Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String loggerName, @Nullable Level level) {
        this.logger = Logger.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addHandler(this);
    }

    /** @return a capture of the logger named {@code loggerName} and the loggers below it */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, null);
    }

    /**
     * @return a capture of the logger named {@code loggerName} and the loggers below it at every
     *     level, DEBUG and TRACE included, for tests that assert a library logs nothing at all
     */
    public static LogCapture everyLevel(String loggerName) {
        return new LogCapture(loggerName, Level.ALL);
    }

    /** @return the records captured so far */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** @return the captured records whose message contains {@code text} */
    public List<LogRecord> containing(String text) {
        return records.stream().filter(r -> r.getMessage() != null && r.getMessage().contains(text))
                .collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Stops capturing. */
    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
