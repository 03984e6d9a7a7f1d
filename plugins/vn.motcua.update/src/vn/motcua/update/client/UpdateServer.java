package vn.motcua.update.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import vn.motcua.sync.api.Messages.ErrorResponse;
import vn.motcua.sync.api.Protocol;
import vn.motcua.sync.api.SyncJson;
import vn.motcua.sync.api.UpdateProtocol;
import vn.motcua.sync.api.UpdateProtocol.PackageInfo;
import vn.motcua.sync.api.UpdateProtocol.UpdateAnswer;
import vn.motcua.sync.api.UpdateProtocol.UpdateCheck;
import vn.motcua.update.Digests;
import vn.motcua.update.PackageException;

/**
 * The provincial server's update endpoints, with the workstation's sync session (JDK HTTP client). Downloads go to
 * {@code <id>.part} and resume from its length ({@code Range}) after an interruption; a finished download must have
 * the size and SHA-256 the server named it by before anything reads it.
 */
public final class UpdateServer {
    private final URI base;
    private final Supplier<String> token;
    private final Locale locale;
    private final SyncJson json = new SyncJson();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    /** @param token the sync session's bearer token, null while not logged in */
    public UpdateServer(URI base, Supplier<String> token, Locale locale) {
        this.base = base;
        this.token = token;
        this.locale = locale;
    }

    private HttpRequest.Builder request(String path) throws PackageException {
        String t = token.get();
        if (t == null) {
            throw new PackageException("server.notLoggedIn");
        }
        return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path)).timeout(Duration.ofMinutes(10))
                .header(Protocol.VERSION_HEADER, Integer.toString(Protocol.VERSION)).header("Accept-Language", locale.getLanguage())
                .header("Authorization", "Bearer " + t);
    }

    public UpdateAnswer check(UpdateCheck check) throws PackageException {
        HttpRequest r = request(UpdateProtocol.CHECK).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.write(check))).build();
        HttpResponse<byte[]> response = send(r, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            // A server of a version without updates.
            throw new PackageException("server.noUpdates", base);
        }
        failUnlessOk(response.statusCode(), response.body());
        try {
            return json.read(response.body(), UpdateAnswer.class);
        } catch (IOException e) {
            throw new PackageException(e, "server.unreadable", e.getMessage());
        }
    }

    /**
     * The package into {@code dir/<id>.p7m}, resuming {@code dir/<id>.part}; {@code progress} gets the bytes held so
     * far. A finished file whose size or SHA-256 is not the one announced is deleted and refused.
     */
    public Path download(PackageInfo p, Path dir, LongConsumer progress) throws PackageException {
        Path done = dir.resolve(p.id() + ".p7m");
        Path part = dir.resolve(p.id() + ".part");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(done) && Files.size(done) == p.size()) {
                return done;
            }
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            if (have > p.size()) {
                Files.delete(part);
                have = 0;
            }
            if (have < p.size()) {
                HttpRequest.Builder b = request(UpdateProtocol.PACKAGES + p.id()).GET();
                if (have > 0) {
                    b.header("Range", "bytes=" + have + "-");
                }
                HttpResponse<InputStream> response = send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 404) {
                    response.body().close();
                    throw new PackageException("server.noPackage", p.version());
                }
                if (status == 416) {
                    response.body().close();
                    Files.deleteIfExists(part);
                    throw new PackageException("download.restart", p.version());
                }
                if (status != 200 && status != 206) {
                    byte[] body;
                    try (InputStream in = response.body()) {
                        body = in.readNBytes(64 * 1024);
                    }
                    failUnlessOk(status, body);
                }
                // 200: the server sent everything, from the start.
                boolean append = status == 206;
                try (InputStream in = response.body();
                        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                    long held = append ? have : 0;
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0;) {
                        if (held + n > p.size()) {
                            throw new PackageException("download.mismatch", p.version());
                        }
                        out.write(buf, 0, n);
                        held += n;
                        progress.accept(held);
                    }
                } catch (IOException e) {
                    if (isDiskFull(e)) {
                        throw new PackageException(e, "install.diskFull", dir, p.size() >> 20, Files.getFileStore(dir).getUsableSpace() >> 20);
                    }
                    // Connection lost: what arrived stays in the .part file for the next attempt.
                    throw new PackageException(e, "download.interrupted", p.version(), Files.size(part) >> 10, p.size() >> 10);
                }
            }
            if (Files.size(part) != p.size() || !Digests.sha256(part).equals(p.id())) {
                Files.delete(part);
                throw new PackageException("download.mismatch", p.version());
            }
            Files.move(part, done, StandardCopyOption.REPLACE_EXISTING);
            return done;
        } catch (IOException e) {
            throw isDiskFull(e) ? new PackageException(e, "install.diskFull", dir, p.size() >> 20, "?")
                    : new PackageException(e, "install.failed", e.getMessage());
        }
    }

    static boolean isDiskFull(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") || m.contains("not enough space") || m.contains("disk is full");
    }

    private <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> handler) throws PackageException {
        try {
            return http.send(r, handler);
        } catch (ConnectException | HttpTimeoutException e) {
            throw new PackageException(e, "server.unreachable", base);
        } catch (IOException e) {
            throw new PackageException(e, "server.unreachable", base);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackageException(e, "server.unreachable", base);
        }
    }

    private void failUnlessOk(int status, byte[] body) throws PackageException {
        if (status == 200) {
            return;
        }
        String message;
        try {
            message = json.read(body, ErrorResponse.class).message();
        } catch (IOException | RuntimeException e) {
            message = "HTTP " + status;
        }
        throw new PackageException(status == 401 ? "server.notLoggedIn" : "server.refused", message);
    }
}
