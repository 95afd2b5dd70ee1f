package dev.perfmon.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Facts about the environment the tests run in. */
public final class Services {

    private Services() {
    }

    /** @return whether the build runs under CI ({@code CI=true}), where every service is required */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** @return whether something accepts TCP connections at host:port within 500 ms */
    public static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return a TCP port free on the loopback interface right now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Fails the build under CI, with what is missing and how to start it. */
    static IllegalStateException missingInCi(String service, String where, String howToStart) {
        return new IllegalStateException(service + " is required under CI=true but is not reachable at " + where
                + ". Start it with: " + howToStart);
    }
}
