package dev.perfmon.servlet.internal;

/**
 * Where a route template is assembled without allocating: a per-thread character buffer, and a
 * small shared table of templates already built. A template equal to one in the table is
 * returned as that instance (its hash code already computed, so meter lookups by route are
 * cheap); otherwise a new string is made and takes the slot. Racing threads may overwrite each
 * other's slots: strings are immutable, so that only costs an allocation.
 */
final class TemplateBuffer {

    private static final int SLOTS = 512;
    private static final String[] TEMPLATES = new String[SLOTS];
    private static final ThreadLocal<TemplateBuffer> BUFFERS = ThreadLocal.withInitial(TemplateBuffer::new);

    private char[] chars = new char[256];
    private int length;

    private TemplateBuffer() {
    }

    /** @return this thread's buffer, emptied */
    static TemplateBuffer get() {
        TemplateBuffer buffer = BUFFERS.get();
        buffer.length = 0;
        return buffer;
    }

    int length() {
        return length;
    }

    TemplateBuffer append(char c) {
        ensure(1);
        chars[length++] = c;
        return this;
    }

    TemplateBuffer append(String text) {
        return append(text, 0, text.length());
    }

    TemplateBuffer append(String text, int from, int to) {
        int n = to - from;
        ensure(n);
        text.getChars(from, to, chars, length);
        length += n;
        return this;
    }

    private void ensure(int more) {
        if (length + more > chars.length) {
            char[] bigger = new char[Math.max(chars.length * 2, length + more)];
            System.arraycopy(chars, 0, bigger, 0, length);
            chars = bigger;
        }
    }

    /** @return the buffer's content as a string, the shared instance when one is known */
    String intern() {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String known = TEMPLATES[slot];
        if (known != null && matches(known)) {
            return known;
        }
        String made = new String(chars, 0, length);
        TEMPLATES[slot] = made;
        return made;
    }

    private boolean matches(String known) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != chars[i]) {
                return false;
            }
        }
        return true;
    }
}
