package io.engagement.query.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The address of a server that is down: a port that was free a moment ago, so nothing listens there. */
public final class NothingListening {
    private NothingListening() {
    }

    public static String url() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
