package dev.perfmon.redis;

import dev.perfmon.redis.internal.Codecs;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns cached values into the bytes stored in Redis and back. The cache applies it itself,
 * outside Lettuce's codec (the connection carries plain {@code byte[]} values), so a value that
 * fails to decode is only a counted codec error and a miss that reloads and overwrites it; it
 * can never break the connection's decoder for other commands.
 *
 * <p>Implementations must be thread-safe, must not return {@code null}, and signal a bad value
 * by throwing any {@link RuntimeException}. Whatever a codec throws, an {@link Error} included,
 * is handled the same way: counted as {@code perfmon.cache.errors{cause=codec}}; a value that
 * fails to encode is returned to its caller and to every caller sharing its load, uncached.
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {

    /**
     * @param value a non-null value
     * @return its stored form
     */
    byte[] encode(V value);

    /**
     * @param bytes a stored form
     * @return the value
     */
    V decode(byte[] bytes);

    /**
     * Decodes a slice; the cache calls this when the stored bytes carry a header (early
     * recomputation). The default copies the slice; override it to decode in place.
     */
    default V decode(byte[] bytes, int offset, int length) {
        if (offset == 0 && length == bytes.length) {
            return decode(bytes);
        }
        return decode(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** @return the default codec: strings as UTF-8 */
    static ValueCodec<String> utf8() {
        return Codecs.UTF8;
    }

    /** @return the identity codec for callers that serialize themselves */
    static ValueCodec<byte[]> bytes() {
        return Codecs.BYTES;
    }

    /**
     * Adapts a pair of functions, such as a JSON mapper's {@code writeValueAsBytes} and
     * {@code readValue} (wrap their checked exceptions).
     */
    static <V> ValueCodec<V> of(Function<? super V, byte[]> encoder, Function<byte[], ? extends V> decoder) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        return new ValueCodec<>() {
            @Override
            public byte[] encode(V value) {
                return encoder.apply(value);
            }

            @Override
            public V decode(byte[] bytes) {
                return decoder.apply(bytes);
            }
        };
    }
}
