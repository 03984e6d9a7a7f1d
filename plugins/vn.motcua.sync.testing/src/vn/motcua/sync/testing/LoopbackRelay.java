package vn.motcua.sync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback between one workstation and the sync server: {@link #cut()} drops that workstation's
 * network (open connections reset, new ones refused by an immediate close) while the server and the other
 * workstations carry on; {@link #mend()} brings it back. Lets a test order "the other workstation's change reaches
 * the server first" for certain, where stopping the whole server leaves the order to retry timers.
 */
public final class LoopbackRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean cut;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong toClient = new java.util.concurrent.atomic.AtomicLong();
    private volatile long cutAt = Long.MAX_VALUE;

    public LoopbackRelay(URI server) throws IOException {
        target = new InetSocketAddress(server.getHost(), server.getPort());
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "loopback-relay-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** The address a workstation uses instead of the server's. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** The cable is pulled: every open connection is reset and new ones are closed at once. */
    public void cut() {
        cut = true;
        synchronized (open) {
            for (Socket s : open) {
                closeQuietly(s);
            }
            open.clear();
        }
    }

    /**
     * The cable is pulled once {@code bytes} more have gone from the server to the workstation (a download interrupted
     * part-way, at a byte count rather than a moment).
     */
    public void cutAfterBytesToClient(long bytes) {
        cutAt = toClient.get() + bytes;
    }

    /** Bytes relayed from the server to the workstation so far. */
    public long bytesToClient() {
        return toClient.get();
    }

    /** The cable is back. */
    public void mend() {
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                // The server itself is down: the workstation sees its connection closed, as it would.
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            synchronized (open) {
                open.add(client);
                open.add(upstream);
            }
            pump(client, upstream, false);
            pump(upstream, client, true);
        }
    }

    private void pump(Socket from, Socket to, boolean downstream) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (downstream) {
                        long before = toClient.get();
                        if (before + n > cutAt) {
                            int part = (int) Math.max(0, cutAt - before);
                            out.write(buf, 0, part);
                            out.flush();
                            toClient.addAndGet(part);
                            cutAt = Long.MAX_VALUE;
                            cut();
                            return;
                        }
                        toClient.addAndGet(n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side gone or the cable cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                synchronized (open) {
                    open.remove(from);
                    open.remove(to);
                }
            }
        }, "loopback-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        cut();
    }
}
