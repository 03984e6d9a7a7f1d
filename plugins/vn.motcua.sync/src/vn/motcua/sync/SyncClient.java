package vn.motcua.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.ErrorResponse;
import vn.motcua.sync.api.Messages.LoginRequest;
import vn.motcua.sync.api.Messages.LoginResponse;
import vn.motcua.sync.api.Messages.NumberBlockRequest;
import vn.motcua.sync.api.Messages.NumberBlockResponse;
import vn.motcua.sync.api.Messages.PullResponse;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushRequest;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.Messages.ReferenceData;
import vn.motcua.sync.api.Protocol;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.DocumentList;
import vn.motcua.sync.api.Messages.UploadState;
import vn.motcua.sync.api.SyncJson;

/**
 * The protocol over HTTP with the JDK's client: JSON bodies, gzip answers, the protocol version header, a
 * bearer token. Network failures become {@link SyncException.Kind#UNREACHABLE}; the server's refusals carry
 * its message (in the language asked for).
 */
public final class SyncClient {
    private final URI base;
    private final HttpClient http;
    private final SyncJson json = new SyncJson();
    private final Locale locale;
    private volatile String token;
    private volatile vn.motcua.core.model.User user;

    public SyncClient(URI base, Locale locale) {
        this.base = base;
        this.locale = locale;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    public boolean loggedIn() {
        return token != null;
    }

    /**
     * For a training workstation: log-ins are accepted only from a server that declares itself a training server, so a
     * sandbox can never push practice work to (or pull real citizens' data from) a production server.
     */
    public SyncClient requireTrainingServer() {
        this.trainingOnly = true;
        return this;
    }

    private volatile boolean trainingOnly;

    public LoginResponse login(String username, char[] password, String workstationId) throws SyncException {
        LoginResponse r = send("POST", Protocol.LOGIN, new LoginRequest(username, new String(password), workstationId), LoginResponse.class, false);
        if (trainingOnly && !r.training()) {
            throw new SyncException(SyncException.Kind.SERVER, SyncText.get(locale, "notTrainingServer", base), null);
        }
        token = r.token();
        user = r.user();
        return r;
    }

    /** Ends this session on the server (its token stops working at once); forgotten here whatever the server said. */
    public void logout() throws SyncException {
        try {
            if (token != null) {
                send("POST", Protocol.LOGOUT, null, java.util.Map.class, true);
            }
        } finally {
            token = null;
            user = null;
        }
    }

    /**
     * A new session without a password (docs/sync-protocol.md, "Who did it"): the server's one-time challenge signed
     * with the user's enrolled key. The product renews this way when its session expires, so it never keeps the
     * password after the first online login.
     */
    public LoginResponse renew(vn.motcua.store.UserKey key) throws SyncException {
        vn.motcua.sync.api.Messages.LoginChallenge challenge = send("POST", Protocol.LOGIN_CHALLENGE, null,
                vn.motcua.sync.api.Messages.LoginChallenge.class, false);
        vn.motcua.sync.api.Messages.RenewRequest unsigned = new vn.motcua.sync.api.Messages.RenewRequest(key.username(), key.keyId(),
                key.workstationId(), challenge.challenge(), null);
        vn.motcua.sync.api.Messages.RenewRequest signed = new vn.motcua.sync.api.Messages.RenewRequest(key.username(), key.keyId(),
                key.workstationId(), challenge.challenge(), key.sign(vn.motcua.sync.api.Attribution.renewalBytes(unsigned)));
        LoginResponse r = send("POST", Protocol.LOGIN_RENEW, signed, LoginResponse.class, false);
        if (trainingOnly && !r.training()) {
            throw new SyncException(SyncException.Kind.SERVER, SyncText.get(locale, "notTrainingServer", base), null);
        }
        token = r.token();
        user = r.user();
        return r;
    }

    /** Enrols the logged-in user's own signing key with the server. */
    public vn.motcua.sync.api.Messages.UserKeyState enrolKey(vn.motcua.sync.api.Messages.UserKeyEnrolment key) throws SyncException {
        return send("POST", Protocol.USER_KEYS, key, vn.motcua.sync.api.Messages.UserKeyState.class, true);
    }

    /** The keys the server holds for {@code username} (the user themselves, or an admin). */
    public List<vn.motcua.sync.api.Messages.UserKeyState> userKeys(String username) throws SyncException {
        return send("GET", Protocol.USER_KEYS + "?username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8), null,
                vn.motcua.sync.api.Messages.UserKeyList.class, true).keys();
    }

    /** Revokes one key of {@code username}, or all of them when {@code keyId} is null (an admin, or the user). */
    public List<vn.motcua.sync.api.Messages.UserKeyState> revokeKeys(String username, String keyId) throws SyncException {
        return send("POST", Protocol.USER_KEYS_REVOKE, new vn.motcua.sync.api.Messages.UserKeyRevocation(username, keyId),
                vn.motcua.sync.api.Messages.UserKeyList.class, true).keys();
    }

    /** The server's account of the logged-in user, or null. */
    public vn.motcua.core.model.User user() {
        return user;
    }

    /** The language of this client's messages. */
    Locale locale() {
        return locale;
    }

    /** The session's bearer token, null before login (the update rounds ask the same server in the same session). */
    public String sessionToken() {
        return token;
    }

    /** Uses a token obtained elsewhere (the login dialog). */
    public void token(String token) {
        this.token = token;
    }

    public PushResponse push(String workstationId, List<PushCommand> commands) throws SyncException {
        return send("POST", Protocol.PUSH, new PushRequest(workstationId, commands), PushResponse.class, true);
    }

    public PullResponse pull(long after, int limit) throws SyncException {
        return send("GET", Protocol.PULL + "?after=" + after + "&limit=" + limit, null, PullResponse.class, true);
    }

    public ReferenceData reference() throws SyncException {
        return send("GET", Protocol.REFERENCE, null, ReferenceData.class, true);
    }

    public void putReference(AdminReference ref) throws SyncException {
        send("PUT", Protocol.ADMIN_REFERENCE, ref, java.util.Map.class, true);
    }

    /** Every certificate binding with its history (admin). */
    public java.util.List<vn.motcua.sync.api.Messages.CertificateBinding> certificateBindings() throws SyncException {
        return send("GET", Protocol.ADMIN_CERTIFICATES, null, vn.motcua.sync.api.Messages.CertificateBindingList.class, true).bindings();
    }

    /** Binds or unbinds a certificate (admin); returns the binding written or ended. */
    public vn.motcua.sync.api.Messages.CertificateBinding changeCertificate(vn.motcua.sync.api.Messages.CertificateChange change) throws SyncException {
        return send("PUT", Protocol.ADMIN_CERTIFICATES, change, vn.motcua.sync.api.Messages.CertificateBinding.class, true);
    }

    public NumberBlockResponse reserveBlock(NumberBlockRequest req) throws SyncException {
        return send("POST", Protocol.NUMBER_BLOCKS, req, NumberBlockResponse.class, true);
    }

    private <T> T send(String method, String path, Object body, Class<T> type, boolean authenticated) throws SyncException {
        byte[] bytes = exchange(method, path, body == null ? null : json.write(body), "application/json", authenticated);
        try {
            return json.read(bytes, type);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.SERVER, SyncText.get(locale, "unreadable", e.getMessage()), e);
        }
    }

    /** The server's health answer (no login needed): status, serverId, protocol, training… */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> health() throws SyncException {
        return send("GET", Protocol.HEALTH, null, java.util.Map.class, false);
    }

    // ---- documents: content-addressed files in chunks, and their rows ----

    /** How much of the file the server has for an upload to this dossier (resume an interrupted upload from {@code received}). */
    public UploadState uploadState(String sha256, String dossierCode) throws SyncException {
        return send("GET", Protocol.FILES + sha256 + "/state?dossier=" + query(dossierCode), null, UploadState.class, true);
    }

    /**
     * Sends one chunk of at most {@link Protocol#MAX_CHUNK} bytes starting at {@code offset}, of an upload for the
     * dossier {@code dossierCode} (the server accepts it only from an agency that may add to that dossier).
     */
    public UploadState putChunk(String sha256, String dossierCode, long offset, long total, byte[] chunk) throws SyncException {
        byte[] bytes = exchange("PUT", Protocol.FILES + sha256 + "?dossier=" + query(dossierCode) + "&offset=" + offset + "&total=" + total, chunk,
                "application/octet-stream", true);
        try {
            return json.read(bytes, UploadState.class);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.SERVER, SyncText.get(locale, "unreadable", e.getMessage()), e);
        }
    }

    public void addDocument(DocumentInfo document) throws SyncException {
        send("POST", Protocol.DOCUMENTS, document, java.util.Map.class, true);
    }

    public List<DocumentInfo> documents(String dossierCode) throws SyncException {
        return send("GET", Protocol.DOCUMENTS + "?dossier=" + query(dossierCode), null, DocumentList.class, true).documents();
    }

    private static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Leaves the key of this workstation's new cache with the server (first online login on a new workstation). */
    public void putWorkstationKey(String cacheId, char[] keyHex) throws SyncException {
        send("PUT", Protocol.WORKSTATION_KEYS + cacheId, new vn.motcua.sync.api.Messages.WorkstationKey(cacheId, new String(keyHex), null),
                java.util.Map.class, true);
    }

    /** The key of a workstation's cache, for a user of its agency logging in there for the first time. */
    public char[] workstationKey(String cacheId) throws SyncException {
        return send("GET", Protocol.WORKSTATION_KEYS + cacheId, null, vn.motcua.sync.api.Messages.WorkstationKey.class, true).key().toCharArray();
    }

    /** A file's bytes (the caller checks them against the SHA-256 it asked for). */
    public byte[] file(String sha256) throws SyncException {
        return exchange("GET", Protocol.FILES + sha256, null, null, true);
    }

    private byte[] exchange(String method, String path, byte[] body, String contentType, boolean authenticated) throws SyncException {
        if (!SyncSettings.allowedTransport(base)) {
            // Never a byte to such an address: the first request would carry a password or a token in clear.
            throw new SyncException(SyncException.Kind.INSECURE, SyncText.get(locale, "plainHttp", base, SyncSettings.httpsSuggestion(base.toString())), null);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header(Protocol.VERSION_HEADER, Integer.toString(Protocol.VERSION)).header("Accept-Encoding", "gzip")
                .header("Accept-Language", locale.getLanguage());
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authenticated) {
            String t = token;
            if (t == null) {
                throw new SyncException(SyncException.Kind.UNAUTHORISED, SyncText.get(locale, "notLoggedIn"), null);
            }
            b.header("Authorization", "Bearer " + t);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<InputStream> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new SyncException(SyncException.Kind.UNREACHABLE, SyncText.get(locale, "unreachable", base), e);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.UNREACHABLE, SyncText.get(locale, "connectionLost", base), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException(SyncException.Kind.UNREACHABLE, SyncText.get(locale, "interrupted"), e);
        }
        byte[] bytes;
        try (InputStream raw = response.body();
                InputStream in = response.headers().firstValue("Content-Encoding").filter(e -> e.equalsIgnoreCase("gzip")).isPresent()
                        ? new GZIPInputStream(raw) : raw) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            // The connection dropped mid-answer: nothing of it is used.
            throw new SyncException(SyncException.Kind.UNREACHABLE, SyncText.get(locale, "connectionLost", base), e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return bytes;
        }
        String message;
        try {
            message = json.read(new ByteArrayInputStream(bytes), ErrorResponse.class).message();
        } catch (IOException e) {
            message = "HTTP " + status;
        }
        if (status == 401) {
            token = null;
            throw new SyncException(SyncException.Kind.UNAUTHORISED, message, null);
        }
        throw new SyncException(status == 426 ? SyncException.Kind.PROTOCOL : SyncException.Kind.SERVER, message, null);
    }
}
