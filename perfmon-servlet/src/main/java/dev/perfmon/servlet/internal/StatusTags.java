package dev.perfmon.servlet.internal;

/**
 * The {@code status} and {@code outcome} tags, precomputed: a valid status (100-599) is its
 * number, anything else {@code UNKNOWN}, so neither tag can grow past a fixed set.
 */
public final class StatusTags {

    /** Client closed the connection before the response was written (nginx's convention). */
    public static final int CLIENT_CLOSED = 499;
    /** The value for a status outside 100-599. */
    public static final String UNKNOWN = "UNKNOWN";

    private static final String[] STATUS = new String[500];

    static {
        for (int i = 0; i < STATUS.length; i++) {
            STATUS[i] = Integer.toString(i + 100).intern();
        }
    }

    private StatusTags() {
    }

    /** @return {@code status} itself when valid, else -1 */
    public static int canonical(int status) {
        return status >= 100 && status <= 599 ? status : -1;
    }

    /** @return the status tag of a canonical status */
    public static String status(int canonical) {
        return canonical < 0 ? UNKNOWN : STATUS[canonical - 100];
    }

    /** @return Spring's outcome for a canonical status */
    public static String outcome(int canonical) {
        if (canonical < 0) {
            return "UNKNOWN";
        }
        switch (canonical / 100) {
            case 1:
                return "INFORMATIONAL";
            case 2:
                return "SUCCESS";
            case 3:
                return "REDIRECTION";
            case 4:
                return "CLIENT_ERROR";
            case 5:
                return "SERVER_ERROR";
            default:
                return "UNKNOWN";
        }
    }
}
