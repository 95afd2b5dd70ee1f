package dev.perfmon.redis.internal;

import dev.perfmon.redis.ValueCodec;

import java.nio.charset.StandardCharsets;

/** The built-in value codecs. */
public final class Codecs {

    /** UTF-8 strings. */
    public static final ValueCodec<String> UTF8 = new Utf8();
    /** Raw bytes, unchanged. */
    public static final ValueCodec<byte[]> BYTES = new Bytes();

    private Codecs() {
    }

    private static final class Utf8 implements ValueCodec<String> {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "ValueCodec.utf8()";
        }
    }

    private static final class Bytes implements ValueCodec<byte[]> {
        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }

        @Override
        public String toString() {
            return "ValueCodec.bytes()";
        }
    }
}
