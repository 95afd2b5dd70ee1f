package dev.perfmon.servlet.internal;

import java.io.IOException;

/**
 * Recognises a client that went away mid-response: Jetty's {@code EofException}, Tomcat's and
 * Undertow's {@code ClientAbortException}, or an {@link IOException} saying the connection was
 * reset or the pipe broken, anywhere in the cause chain.
 */
public final class ClientAborts {

    private ClientAborts() {
    }

    /** @return whether the failure means the client closed the connection */
    public static boolean isClientAbort(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++) {
            String name = t.getClass().getName();
            if (name.equals("org.eclipse.jetty.io.EofException") || name.endsWith("ClientAbortException")
                    || name.equals("java.nio.channels.ClosedChannelException")) {
                return true;
            }
            if (t instanceof IOException) {
                String message = t.getMessage();
                if (message != null && (message.contains("Broken pipe") || message.contains("Connection reset")
                        || message.contains("connection was aborted") || message.contains("Connection aborted"))) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return false;
    }
}
