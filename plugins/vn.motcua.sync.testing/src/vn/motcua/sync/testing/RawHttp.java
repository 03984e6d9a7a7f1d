package vn.motcua.sync.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP as an attacker speaks it: any method, path, headers and body, none of our client's checks in the way. Attack
 * tests use it against a real server process on loopback; the protocol header is sent unless a test removes it.
 */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** What the server answered: status, body as text, the error code of a JSON refusal (or null). */
    public record Reply(int status, String body, Map<String, String> headers) {
        public String code() {
            return field("code");
        }

        public String message() {
            return field("message");
        }

        public String field(String name) {
            try {
                JsonNode n = JSON.readTree(body);
                return n != null && n.hasNonNull(name) ? n.get(name).asText() : null;
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    public RawHttp(URI base) {
        this.base = base;
    }

    /** Logs in with the JSON the protocol names and returns the bearer token (fails the test when refused). */
    public String login(String username, String password, String workstation) throws IOException, InterruptedException {
        Reply r = json("POST", "/v1/login", null, Map.of("username", username, "password", password, "workstationId", workstation));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " refused: " + r);
        }
        return r.field("token");
    }

    /** A JSON body written from {@code body} (a map, a record, or a JSON string sent as it is). */
    public Reply json(String method, String path, String token, Object body) throws IOException, InterruptedException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(method, path, token, Map.of("Content-Type", "application/json"), BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    }

    public Reply get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, Map.of(), BodyPublishers.noBody());
    }

    /**
     * Any request. The protocol version header is added unless {@code headers} names it (an empty value leaves it
     * out); {@code token} null sends no Authorization header; {@code Expect: 100-continue} makes the client wait for the
     * server's answer before it sends the body (as a careful uploader does).
     */
    public Reply send(String method, String path, String token, Map<String, String> headers, BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120)).method(method, body);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("X-Motcua-Protocol", "1");
        all.put("Accept-Language", "vi");
        all.putAll(headers);
        if ("100-continue".equals(all.remove("Expect"))) {
            b.expectContinue(true);
        }
        all.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.header(k, v);
            }
        });
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> h = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        return new Reply(r.statusCode(), r.body(), h);
    }
}
