package vn.motcua.sign.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What an address written into someone's certificate may answer, over real HTTP on 127.0.0.1: a redirect to
 * {@code file:}, a redirect loop, an endless stream far bigger than any OCSP answer or CRL, and silence (the connection is
 * accepted, nothing is ever sent). {@link #requests} counts what reached it.
 */
public final class HostileResponder implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);
    public final AtomicInteger requests = new AtomicInteger();

    public HostileResponder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-responder");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        server.createContext("/loop", ex -> redirect(ex, "/loop"));
        server.createContext("/huge", this::huge);
        server.createContext("/silent", this::silent);
        server.start();
    }

    /** {@code /to-file}, {@code /loop}, {@code /huge} or {@code /silent}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void redirect(HttpExchange ex, String location) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
        }
    }

    /** 64 MiB of zeros, chunked: no length announced, the reader must stop by itself. */
    private void huge(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            ex.sendResponseHeaders(200, 0);
            byte[] block = new byte[64 * 1024];
            try (OutputStream os = ex.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    os.write(block);
                }
            } catch (IOException e) {
                // the reader hung up: what it should do
            }
        }
    }

    /** Accepts and never answers, until the responder is closed. */
    private void silent(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
