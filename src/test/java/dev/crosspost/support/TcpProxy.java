package dev.crosspost.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between the bot and its chat server, so that a test can break the connection in a
 * chosen way: {@link #holdReplies()} stops passing on what the server sends (the client's bytes still go
 * through), {@link #cut()} closes every connection on both sides. New connections are passed on normally.
 */
public final class TcpProxy {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Object gate = new Object();
    private boolean holding;
    private volatile boolean refusing;
    private volatile Watcher watcher = (opened) -> { };

    /** Told when a connection through the proxy opens ({@code true}) and when it is closed ({@code false}). */
    public interface Watcher {
        void changed(boolean opened);
    }

    private TcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and passes every connection on to {@code targetPort} on loopback. */
    public static TcpProxy start(int targetPort) {
        try {
            var proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
            daemon(proxy::accept, "tcp-proxy-" + targetPort);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Reports every connection that opens or closes from now on, on the proxy's threads. */
    public void watch(Watcher w) {
        watcher = w;
    }

    /** How many connections the proxy has accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** How many connections the proxy has closed at once because it was {@link #down()} or blocked. */
    public int refused() {
        return refused.get();
    }

    /** From now on, what the server sends on the open connections stays in the proxy. */
    public void holdReplies() {
        synchronized (gate) {
            holding = true;
        }
    }

    /** Passes on the server's bytes again, held ones first. */
    public void forward() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    /** A partition: {@link #cut} every connection, and refuse new ones until {@link #unblock}. */
    public void block() {
        refusing = true;
        cut();
    }

    public void unblock() {
        refusing = false;
    }

    /** Closes every open connection on both sides; what the server sent and the proxy held is lost. */
    public void cut() {
        synchronized (gate) {
            open.forEach(TcpProxy::close);
            open.clear();
            holding = false;
            gate.notifyAll();
        }
    }

    /** Cuts every connection and closes new ones at once, as a server that went down, until {@link #up()}. */
    public void down() {
        refusing = true;
        cut();
    }

    /** Passes new connections on again. */
    public void up() {
        refusing = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                refused.incrementAndGet();
                close(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            } catch (IOException e) {
                close(client); // the server is down: the client sees the connection close at once
                close(server);
                continue;
            }
            try {
                // no Nagle: a message split over two reads would otherwise wait for the peer's delayed ACK (~40 ms)
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                close(client);
                close(server);
                continue;
            }
            open.add(client);
            open.add(server);
            var closed = new java.util.concurrent.atomic.AtomicBoolean();
            watcher.changed(true);
            daemon(() -> pump(client, server, false, closed), "tcp-proxy-up");
            daemon(() -> pump(server, client, true, closed), "tcp-proxy-down");
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer, java.util.concurrent.atomic.AtomicBoolean closed) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (fromServer) {
                    awaitForwarding();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close the other too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(from);
            close(to);
            if (closed.compareAndSet(false, true)) {
                watcher.changed(false);
            }
        }
    }

    private void awaitForwarding() throws InterruptedException {
        synchronized (gate) {
            while (holding) {
                gate.wait();
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
