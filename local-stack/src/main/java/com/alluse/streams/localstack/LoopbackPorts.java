package com.alluse.streams.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks on 127.0.0.1, the only interface the embedded broker listens on. */
final class LoopbackPorts {

    private LoopbackPorts() {}

    /** A port that was free a moment ago; the caller retries if someone takes it before the broker binds. */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    /** Whether a listening socket could bind the port now (sockets in TIME_WAIT do not count as taken). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName(BrokerProperties.HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
