package dev.perfmon.servlet.internal;

import dev.perfmon.core.internal.VirtualThreads;

/**
 * Where a route template is assembled without allocating: a per-thread {@link StringBuilder},
 * and a small shared table of templates already built. A template equal to one in the table is
 * returned as that instance (its hash code already computed, so meter lookups by route are
 * cheap); otherwise a new string is made and takes the slot. Racing threads may overwrite each
 * other's slots: strings are immutable, so that only costs an allocation.
 *
 * <p>The thread-local holds a JDK type only, and is a plain {@link ThreadLocal} (no subclass, no
 * initial-value supplier): container threads outlive a web application, and a value or
 * thread-local of one of its own classes would keep its class loader alive after an undeploy.
 * The buffer stays small: templates are at most 16 segments of at most 32 characters. A virtual
 * thread (one per request) gets a small buffer of its own instead: it would never use a kept one
 * again, and keeping it would cost a thread-local entry besides.
 */
final class TemplateBuffer {

    private static final int SLOTS = 512;
    private static final String[] TEMPLATES = new String[SLOTS];
    private static final ThreadLocal<StringBuilder> BUFFERS = new ThreadLocal<>();

    /** Room for most templates on a virtual thread; a longer one grows the buffer. */
    private static final int ONE_REQUEST = 64;

    private TemplateBuffer() {
    }

    /** @return this thread's buffer, emptied */
    static StringBuilder get() {
        if (VirtualThreads.current()) {
            return new StringBuilder(ONE_REQUEST);
        }
        StringBuilder buffer = BUFFERS.get();
        if (buffer == null) {
            buffer = new StringBuilder(256);
            BUFFERS.set(buffer);
        } else {
            buffer.setLength(0);
        }
        return buffer;
    }

    /** @return the buffer's content as a string, the shared instance when one is known */
    static String intern(StringBuilder buffer) {
        int length = buffer.length();
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + buffer.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String known = TEMPLATES[slot];
        if (known != null && known.contentEquals(buffer)) {
            return known;
        }
        String made = buffer.toString();
        TEMPLATES[slot] = made;
        return made;
    }
}
