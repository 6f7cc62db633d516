package com.alluse.streams.loadtest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 GET client over one kept-alive connection, as a pooled service
 * client would hold it. The JDK's HttpClient funnels every connection through one selector
 * thread and costs several times the CPU per request; on two cores shared with the server that
 * would measure the client, not the API. Understands Content-Length and chunked bodies.
 */
final class KeepAliveHttpClient implements AutoCloseable {
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttpClient(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends GET {@code path} and reads the whole response; returns its status code. */
    int get(String path) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(
                    ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        out = socket.getOutputStream();
    }

    private int readResponse() throws IOException {
        String statusLine = readLine();
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int code = Integer.parseInt(status[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        int headerBytes = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("response headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            readChunked();
        } else if (contentLength >= 0) {
            skip(contentLength);
        } else {
            throw new IOException("response without a length; cannot keep the connection");
        }
        if (close) {
            close();
        }
        return code;
    }

    private void readChunked() throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                // Trailers until the empty line.
                for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                    total += line.length();
                }
                return;
            }
            total += size;
            if (total > MAX_BODY_BYTES) {
                throw new IOException("response body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            skip(size);
            readLine();
        }
    }

    private void skip(long bytes) throws IOException {
        if (bytes > MAX_BODY_BYTES) {
            throw new IOException("response body of " + bytes + " bytes exceeds " + MAX_BODY_BYTES);
        }
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed inside a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (line.size() <= MAX_HEADER_BYTES) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        throw new IOException("header line exceeds " + MAX_HEADER_BYTES + " bytes");
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a broken connection: nothing more to do.
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
