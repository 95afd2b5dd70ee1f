package dev.perfmon.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;

/** The output stream of a {@link ServerTimingResponse}: adds the header before bytes may commit. */
final class ServerTimingOutputStream extends ServletOutputStream {

    private final ServletOutputStream delegate;
    private final ServerTimingResponse response;

    ServerTimingOutputStream(ServletOutputStream delegate, ServerTimingResponse response) {
        this.delegate = delegate;
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        response.beforeWrite(1);
        delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        response.beforeWrite(len);
        delegate.write(b, off, len);
    }

    @Override
    public void write(java.nio.ByteBuffer buffer) throws IOException {
        response.beforeWrite(buffer.remaining());
        delegate.write(buffer);
    }

    @Override
    public void flush() throws IOException {
        response.beforeFlush();
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        response.beforeFlush();
        delegate.close();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        delegate.setWriteListener(listener);
    }
}
