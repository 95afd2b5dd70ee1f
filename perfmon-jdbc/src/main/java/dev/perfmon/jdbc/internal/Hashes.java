package dev.perfmon.jdbc.internal;

/** Order-dependent 64-bit hash mixing for parameter sets and literals. */
final class Hashes {

    static final long SEED = 0x6A09E667F3BCC908L;

    private Hashes() {
    }

    static long mix(long hash, long value) {
        long x = (hash ^ value) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 31) ^ Long.rotateLeft(hash, 17);
    }
}
