package dev.perfmon.redis.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Probabilistic early recomputation ("XFetch", Vattani, Chierichetti and Lowenstein, "Optimal
 * Probabilistic Cache Stampede Prevention", VLDB 2015): a reader recomputes a value before it
 * expires with a probability that grows as expiry nears and with how long the value took to
 * compute, so that one reader refreshes a hot key before the crowd misses it. A reader
 * recomputes when {@code now - delta * beta * ln(random()) >= expiry}.
 *
 * <p>It needs {@code delta} and {@code expiry} beside the value, so when it is on, stored values
 * carry a 15-byte header: 0xFE (never part of UTF-8), 'X', version 1, delta in microseconds
 * (int), expiry in epoch milliseconds (long). Values without the header (written before it was
 * turned on, or by other writers) are read as they are and never recomputed early.
 * {@link #NONE} is the null object for caches without it: plain values, never due.
 */
public class EarlyRecomputation {

    /** Plain stored values; nothing is ever recomputed early. */
    public static final EarlyRecomputation NONE = new EarlyRecomputation();

    static final int HEADER = 15;

    EarlyRecomputation() {
    }

    /** @return an XFetch policy with the given beta (1.0 is the paper's default; larger recomputes earlier) */
    public static EarlyRecomputation xfetch(double beta) {
        return new XFetch(beta);
    }

    /** @return whether values carry the header */
    public boolean enabled() {
        return false;
    }

    /**
     * @param payload the codec's bytes (or the null marker)
     * @param loadNanos how long the value took to compute
     * @param ttlMillis its time to live
     * @param nowMillis wall-clock time now
     * @return the bytes to store
     */
    public byte[] wrap(byte[] payload, long loadNanos, long ttlMillis, long nowMillis) {
        return payload;
    }

    /** @return where the codec's bytes start in a stored value */
    public int payloadOffset(byte[] stored) {
        return 0;
    }

    /** @return whether this reader should recompute the value now, although it is cached */
    public boolean due(byte[] stored, long nowMillis) {
        return false;
    }

    private static final class XFetch extends EarlyRecomputation {
        private final double beta;

        XFetch(double beta) {
            this.beta = beta;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public byte[] wrap(byte[] payload, long loadNanos, long ttlMillis, long nowMillis) {
            long deltaMicros = Math.min(Integer.MAX_VALUE, Math.max(0, loadNanos / 1000));
            return ByteBuffer.allocate(HEADER + payload.length)
                    .put((byte) 0xFE).put((byte) 'X').put((byte) 1)
                    .putInt((int) deltaMicros)
                    .putLong(nowMillis + ttlMillis)
                    .put(payload)
                    .array();
        }

        @Override
        public int payloadOffset(byte[] stored) {
            return hasHeader(stored) ? HEADER : 0;
        }

        @Override
        public boolean due(byte[] stored, long nowMillis) {
            if (!hasHeader(stored)) {
                return false;
            }
            ByteBuffer header = ByteBuffer.wrap(stored, 3, HEADER - 3);
            double deltaMillis = header.getInt() / 1000.0;
            long expiry = header.getLong();
            double random = ThreadLocalRandom.current().nextDouble();
            // -ln(random) is exponentially distributed: usually small, occasionally large.
            return nowMillis - deltaMillis * beta * Math.log(random) >= expiry;
        }

        private static boolean hasHeader(byte[] stored) {
            return stored.length >= HEADER && stored[0] == (byte) 0xFE && stored[1] == 'X' && stored[2] == 1;
        }
    }
}
