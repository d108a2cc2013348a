package org.infoprob.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports on the loopback interface: free ones for the processes of a cluster test, so that it
 * never collides with a fixed port of another test or of a service on the machine, and waiting
 * until a process listens on its port.
 *
 * <pre>{@code
 * int[] ports = Ports.free(2);   // e.g. {41231, 38811}
 * Ports.awaitListening(broker, ports[0], Duration.ofSeconds(60));
 * }</pre>
 *
 * <p>{@link #free}: the kernel picks each port (bind to port 0); all sockets are held open until every port is
 * chosen, so the ports differ from each other, then closed. A port can in principle be taken by
 * someone else before the child process binds it; the kernel hands out ephemeral ports in
 * sequence, which makes that rare, and the process then fails to start with a clear bind error.
 */
public final class Ports {

    private Ports() {}

    /** {@code count} distinct free ports on 127.0.0.1. */
    public static int[] free(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Count must be >= 1, was " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find " + count + " free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // A socket that fails to close still released nothing we rely on.
                }
            }
        }
    }

    /**
     * Waits until something accepts TCP connections on 127.0.0.1:{@code port}.
     *
     * @throws IllegalStateException if {@code process} ends first or {@code timeout} passes; the
     *     message holds the end of its log
     */
    public static void awaitListening(OwnedProcess process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        process + " ended before it listened on port " + port + ":\n"
                                + process.logTail(40));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        process + " did not listen on port " + port + " within " + timeout + ":\n"
                                + process.logTail(40));
            }
            Sleep.millis(100);
        }
    }
}
