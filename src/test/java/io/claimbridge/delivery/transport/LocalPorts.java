package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A local port nobody listens on (yet): for servers to start on, or to be refused by. */
final class LocalPorts {
    private LocalPorts() {
    }

    static int free() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
