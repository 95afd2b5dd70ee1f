package dev.perfmon.servlet.internal;

import java.io.PrintWriter;
import java.io.Writer;

/** The character sink under a {@link ServerTimingResponse}'s writer: adds the header before characters may commit. */
final class ServerTimingWriter extends Writer {

    private final PrintWriter delegate;
    private final ServerTimingResponse response;
    private final int bytesPerChar;

    ServerTimingWriter(PrintWriter delegate, ServerTimingResponse response, int bytesPerChar) {
        this.delegate = delegate;
        this.response = response;
        this.bytesPerChar = bytesPerChar;
    }

    @Override
    public void write(int c) {
        response.beforeWrite(bytesPerChar);
        delegate.write(c);
    }

    @Override
    public void write(char[] chars, int off, int len) {
        response.beforeWrite((long) len * bytesPerChar);
        delegate.write(chars, off, len);
    }

    @Override
    public void write(String text, int off, int len) {
        response.beforeWrite((long) len * bytesPerChar);
        delegate.write(text, off, len);
    }

    @Override
    public void flush() {
        response.beforeFlush();
        delegate.flush();
    }

    @Override
    public void close() {
        response.beforeFlush();
        delegate.close();
    }
}
