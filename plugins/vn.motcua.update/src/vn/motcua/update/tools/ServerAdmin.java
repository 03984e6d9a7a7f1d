package vn.motcua.update.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import vn.motcua.sync.api.Messages.ErrorResponse;
import vn.motcua.sync.api.Messages.LoginRequest;
import vn.motcua.sync.api.Messages.LoginResponse;
import vn.motcua.sync.api.Protocol;
import vn.motcua.sync.api.SyncJson;
import vn.motcua.sync.api.UpdateProtocol;
import vn.motcua.sync.api.UpdateProtocol.PackageInfo;
import vn.motcua.sync.api.UpdateProtocol.Rollout;

/**
 * An administrator's update work on the provincial server, over its protocol: upload a signed package, release a
 * version to agencies and a share of their workstations, list packages and which workstation runs what.
 */
public final class ServerAdmin {
    private final URI base;
    private final SyncJson json = new SyncJson();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;

    public ServerAdmin(URI base, String username, char[] password) throws IOException {
        this.base = base;
        LoginResponse r = json.read(send("POST", Protocol.LOGIN, null,
                HttpRequest.BodyPublishers.ofByteArray(json.write(new LoginRequest(username, new String(password), "release-tool")))), LoginResponse.class);
        this.token = r.token();
    }

    public PackageInfo upload(Path p7m) throws IOException {
        return json.read(send("PUT", UpdateProtocol.ADMIN_PACKAGES, token, HttpRequest.BodyPublishers.ofFile(p7m)), PackageInfo.class);
    }

    public void release(String platform, String version, List<String> agencies, int percent) throws IOException {
        send("PUT", UpdateProtocol.ADMIN_ROLLOUTS, token,
                HttpRequest.BodyPublishers.ofByteArray(json.write(new Rollout(platform, version, agencies, percent, null, null))));
    }

    /** The list named by {@code path} as JSON text (packages, rollouts, workstations). */
    public String list(String path) throws IOException {
        return new String(send("GET", path, token, HttpRequest.BodyPublishers.noBody()), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] send(String method, String path, String bearer, HttpRequest.BodyPublisher body) throws IOException {
        // 100-continue: a refused upload (expired session, not an admin) is answered before a package of 100 MB travels.
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10)).method(method, body)
                .expectContinue(method.equals("PUT") && path.equals(UpdateProtocol.ADMIN_PACKAGES))
                .header(Protocol.VERSION_HEADER, Integer.toString(Protocol.VERSION)).header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                String message;
                try {
                    message = json.read(r.body(), ErrorResponse.class).message();
                } catch (IOException e) {
                    message = "HTTP " + r.statusCode();
                }
                throw new IOException(method + " " + path + ": " + message);
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Paths of the lists, by the word the command line uses. */
    static final Map<String, String> LISTS = Map.of("packages", UpdateProtocol.ADMIN_PACKAGES, "rollouts", UpdateProtocol.ADMIN_ROLLOUTS,
            "workstations", UpdateProtocol.ADMIN_WORKSTATIONS);
}
