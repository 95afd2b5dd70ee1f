package dev.perfmon.examples.plain;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Runs {@link PlainServletApp} in an embedded Jetty 12 (ee10):
 * {@code java -cp perfmon-demo.jar dev.perfmon.examples.plain.PlainServletMain [port] [jdbcUrl] [redisUri]}.
 */
public final class PlainServletMain {

    private PlainServletMain() {
    }

    /**
     * @param port 0 for a free one
     * @param jdbcUrl the notes database
     * @param redisUri the notes cache
     * @return the started server; stop it to stop the application
     */
    public static Server start(int port, String jdbcUrl, String redisUri) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServletContainerInitializer(new PlainServletApp(jdbcUrl, redisUri));
        server.setHandler(context);
        server.start();
        return server;
    }

    /**
     * @param args port (default 8081), JDBC URL (default in-memory H2), Redis URI (default local)
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        String jdbcUrl = args.length > 1 ? args[1] : "jdbc:h2:mem:plain-notes;DB_CLOSE_DELAY=-1";
        String redisUri = args.length > 2 ? args[2] : "redis://127.0.0.1:6379";
        Server server = start(port, jdbcUrl, redisUri);
        System.err.println("plain servlet example on http://127.0.0.1:" + port + "/notes (metrics: /metrics)");
        server.join();
    }
}
