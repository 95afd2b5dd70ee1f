package dev.perfmon.servlet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes no well-behaved HTTP client would send, and reads the status code back. */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * @param requestLineAndHeaders the request without the final blank line, lines separated by CRLF
     * @return the response status code, or -1 when the server closed without answering
     */
    static int send(int port, byte[] requestLineAndHeaders) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestLineAndHeaders);
            out.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                head.write(b);
            }
            String statusLine = head.toString(StandardCharsets.ISO_8859_1);
            in.transferTo(OutputStream.nullOutputStream());
            String[] parts = statusLine.split(" ");
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    /**
     * Sends GET requests pipelined on one keep-alive connection (a writer thread sends while
     * this thread reads), the fastest way to push thousands of requests through a real server.
     *
     * @return the status code of each response, in order
     */
    static int[] pipeline(int port, List<String> targets) throws Exception {
        int[] statuses = new int[targets.size()];
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            Thread writer = new Thread(() -> {
                try {
                    for (String target : targets) {
                        out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "raw-http-writer");
            writer.start();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = readResponse(in);
            }
            writer.join(30_000);
        }
        return statuses;
    }

    /** Reads one response with a Content-Length body; returns its status code. */
    private static int readResponse(InputStream in) throws IOException {
        int status = -1;
        long length = 0;
        boolean first = true;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("connection closed mid-response");
            }
            if (line.isEmpty()) {
                break;
            }
            if (first) {
                status = Integer.parseInt(line.split(" ")[1]);
                first = false;
            } else if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return status;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return null;
    }

    static int send(int port, String method, String target) throws IOException {
        return send(port, (method + " " + target + " HTTP/1.1\r\nHost: localhost").getBytes(StandardCharsets.UTF_8));
    }
}
