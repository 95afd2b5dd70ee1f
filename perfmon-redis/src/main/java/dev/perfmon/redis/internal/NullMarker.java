package dev.perfmon.redis.internal;

/**
 * What negative caching stores for a loader's {@code null}: 0xFE (never part of UTF-8, so no
 * string value can collide with it) followed by {@code perfmon:null}.
 */
public final class NullMarker {

    private static final byte[] MARKER = {(byte) 0xFE, 'p', 'e', 'r', 'f', 'm', 'o', 'n', ':', 'n', 'u', 'l', 'l'};

    private NullMarker() {
    }

    /** @return the marker's bytes (shared: never modify) */
    public static byte[] bytes() {
        return MARKER;
    }

    /** @return whether {@code stored} from {@code offset} on is exactly the marker */
    public static boolean matches(byte[] stored, int offset) {
        if (stored.length - offset != MARKER.length || stored[offset] != MARKER[0]) {
            return false;
        }
        for (int i = 1; i < MARKER.length; i++) {
            if (stored[offset + i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }
}
