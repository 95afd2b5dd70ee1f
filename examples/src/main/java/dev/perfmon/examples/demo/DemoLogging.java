package dev.perfmon.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * java.util.logging setup for the demo (Jetty, HikariCP, Lettuce and Hibernate log through it):
 * warnings only, one line each; perfmon's findings at INFO in serve mode, silent in load mode
 * where the report shows them.
 */
final class DemoLogging {

    /** java.util.logging keeps loggers weakly: without these references the levels would be lost. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    private DemoLogging() {
    }

    private static void level(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        CONFIGURED.add(logger);
    }

    static void configure(boolean showFindings) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new SimpleFormatter());
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        level("dev.perfmon", showFindings ? Level.INFO : Level.SEVERE);
        // Expected under overload: a request that waited too long for a connection gets a 503.
        level("org.hibernate.engine.jdbc.spi.SqlExceptionHelper", Level.SEVERE);
        level("org.hibernate.orm.jdbc.error", Level.SEVERE);
        level("com.zaxxer.hikari", Level.SEVERE);
    }
}
