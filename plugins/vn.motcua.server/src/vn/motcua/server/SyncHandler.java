package vn.motcua.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.sync.api.Messages;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.DocumentList;
import vn.motcua.sync.api.Messages.ErrorResponse;
import vn.motcua.sync.api.Messages.LoginRequest;
import vn.motcua.sync.api.Messages.NumberBlockRequest;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.Protocol;
import vn.motcua.sync.api.SyncJson;

/**
 * The protocol over HTTP (Jetty core API, no servlets): routes, JSON in and out, the protocol version check,
 * bearer tokens, and refusals as {@link ErrorResponse} in the caller's language (Accept-Language). Every request is
 * held to {@link RequestLimits} (body size before reading, JSON limits, query parameters); the client's address is
 * decided by {@link ClientAddress}.
 */
final class SyncHandler extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger(SyncHandler.class.getName());
    private final SyncService service;
    private final RequestLimits limits;
    private final ClientAddress addresses;
    private final SyncJson json;
    private final UpdateService updates;
    private final UpdateRoutes updateRoutes;

    SyncHandler(SyncService service, Safeguards safeguards, UpdateService updates) {
        this.service = service;
        this.limits = new RequestLimits(safeguards);
        this.addresses = new ClientAddress(safeguards.trustedProxies());
        this.json = limits.json();
        this.updates = updates;
        this.updateRoutes = new UpdateRoutes(service, updates);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Locale locale = locale(request);
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            if (UpdateRoutes.handles(path)) {
                // Packages are large and bounded by the update settings (update.max.package.mb), not the sync limits.
                checkVersion(request, locale);
                updateRoutes.handle(request, response, callback, method, path, locale);
                return true;
            }
            // Before anything else: a body declared too long is refused without reading it.
            limits.checkDeclared(request, method, path, locale);
            if (method.equals("GET") && path.startsWith(Protocol.FILES) && !path.endsWith("/state")) {
                // A file's bytes, not JSON.
                checkVersion(request, locale);
                byte[] bytes = service.documents().file(service.authenticate(bearer(request), locale), path.substring(Protocol.FILES.length()), locale);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                response.write(true, ByteBuffer.wrap(bytes), callback);
                return true;
            }
            Object answer = route(request, method, path, locale);
            reply(response, callback, 200, answer);
        } catch (SyncService.Refusal r) {
            closeAfterRefusal(request, response);
            if (r instanceof RetryLater later) {
                // The header in whole seconds, the body to the millisecond (an added field: clients ignore it or use it).
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(later.seconds()));
                reply(response, callback, r.status, java.util.Map.of("code", r.code, "message", r.getMessage(), "retryAfterMs", later.after.toMillis()));
                return true;
            }
            reply(response, callback, r.status, new ErrorResponse(r.code, r.getMessage()));
        } catch (IOException e) {
            closeAfterRefusal(request, response);
            RequestLimits.BodyTooLarge over = tooLarge(e);
            if (over != null) {
                SyncService.Refusal r = RequestLimits.tooLarge(over.limit, locale);
                reply(response, callback, r.status, new ErrorResponse(r.code, r.getMessage()));
                return true;
            }
            reply(response, callback, 400, new ErrorResponse("badRequest", SyncService.text(locale, "badRequest", e.getMessage())));
        } catch (SQLException | RuntimeException e) {
            closeAfterRefusal(request, response);
            LOG.log(System.Logger.Level.ERROR, "request " + method + " " + path + " failed", e);
            reply(response, callback, 500, new ErrorResponse("serverError", SyncService.text(locale, "serverError", e.getClass().getSimpleName())));
        }
        return true;
    }

    private Object route(Request request, String method, String path, Locale locale) throws SyncService.Refusal, IOException, SQLException {
        if (path.equals(Protocol.HEALTH)) {
            Runtime rt = Runtime.getRuntime();
            // Heap figures for monitoring (and the load benchmark's "stays within its heap").
            return java.util.Map.of("status", "ok", "serverId", service.serverId(), "protocol", Protocol.VERSION,
                    "heapUsed", rt.totalMemory() - rt.freeMemory(), "heapMax", rt.maxMemory(), "training", service.training());
        }
        checkVersion(request, locale);
        if (method.equals("POST") && path.equals(Protocol.LOGIN)) {
            LoginRequest in = read(request, method, path, LoginRequest.class, locale);
            String address = addresses.of(Request.getRemoteAddr(request), request.getHeaders().get("X-Forwarded-For"));
            return service.login(in.username(), in.password(), in.workstationId(), address, locale);
        }
        if (method.equals("POST") && path.equals(Protocol.LOGOUT)) {
            service.logout(bearer(request), locale);
            return java.util.Map.of("status", "ok");
        }
        if (method.equals("POST") && path.equals(Protocol.LOGIN_CHALLENGE)) {
            return service.renewal().challenge();
        }
        if (method.equals("POST") && path.equals(Protocol.LOGIN_RENEW)) {
            return service.renewal().renew(read(request, method, path, Messages.RenewRequest.class, locale), locale);
        }
        SyncService.Caller caller = service.authenticate(bearer(request), locale);
        if (method.equals("POST") && path.equals(Protocol.USER_KEYS)) {
            return service.userKeys().enrol(caller, read(request, method, path, Messages.UserKeyEnrolment.class, locale), locale);
        }
        if (method.equals("GET") && path.equals(Protocol.USER_KEYS)) {
            String username = Request.extractQueryParameters(request).getValue("username");
            return new Messages.UserKeyList(service.userKeys().list(caller, username == null ? caller.user().username() : username, locale));
        }
        if (method.equals("POST") && path.equals(Protocol.USER_KEYS_REVOKE)) {
            return new Messages.UserKeyList(service.userKeys().revoke(caller, read(request, method, path, Messages.UserKeyRevocation.class, locale), locale));
        }
        if (method.equals("POST") && path.equals(Protocol.PUSH)) {
            return new PushResponse(service.push(caller, readPush(request, method, path, locale), locale));
        }
        if (method.equals("GET") && path.equals(Protocol.PULL)) {
            Fields q = Request.extractQueryParameters(request);
            long cursor = RequestLimits.parameter(q, "after", 0, 0, Long.MAX_VALUE, locale);
            int limit = (int) RequestLimits.parameter(q, "limit", 500, 1, Protocol.MAX_PAGE, locale);
            return service.pull(caller, cursor, limit);
        }
        if (method.equals("GET") && path.equals(Protocol.REFERENCE)) {
            return updates.reference(service.reference(caller));
        }
        if (method.equals("PUT") && path.equals(Protocol.ADMIN_REFERENCE)) {
            service.putReference(caller, read(request, method, path, AdminReference.class, locale), locale);
            return java.util.Map.of("status", "ok");
        }
        if (path.equals(Protocol.ADMIN_CERTIFICATES)) {
            if (method.equals("GET")) {
                return new Messages.CertificateBindingList(service.certificates().list(caller, locale));
            }
            if (method.equals("PUT")) {
                return service.certificates().change(caller, read(request, method, path, Messages.CertificateChange.class, locale), locale);
            }
        }
        if (method.equals("POST") && path.equals(Protocol.NUMBER_BLOCKS)) {
            return service.reserveBlock(caller, read(request, method, path, NumberBlockRequest.class, locale), locale);
        }
        if (path.startsWith(Protocol.FILES)) {
            String rest = path.substring(Protocol.FILES.length());
            Fields q = Request.extractQueryParameters(request);
            if (method.equals("GET") && rest.endsWith("/state")) {
                return service.documents().state(caller, rest.substring(0, rest.length() - "/state".length()), q.getValue("dossier"), locale);
            }
            if (method.equals("PUT")) {
                long offset = RequestLimits.parameter(q, "offset", -1, 0, Protocol.MAX_FILE, locale);
                long total = RequestLimits.parameter(q, "total", -1, 1, Protocol.MAX_FILE, locale);
                if (offset < 0 || total < 0) {
                    throw new SyncService.Refusal(400, "badParameter", SyncService.text(locale, "badParameter", offset < 0 ? "offset" : "total", "",
                            offset < 0 ? 0 : 1, Protocol.MAX_FILE));
                }
                byte[] chunk;
                try (InputStream in = limits.body(request, method, path)) {
                    chunk = in.readAllBytes();
                }
                return service.documents().putChunk(caller, rest, q.getValue("dossier"), offset, total, chunk, locale);
            }
        }
        if (path.startsWith(Protocol.WORKSTATION_KEYS)) {
            String cacheId = path.substring(Protocol.WORKSTATION_KEYS.length());
            if (method.equals("PUT")) {
                service.putWorkstationKey(caller, cacheId, read(request, method, path, Messages.WorkstationKey.class, locale).key(), locale);
                return java.util.Map.of("status", "ok");
            }
            if (method.equals("GET")) {
                return service.workstationKey(caller, cacheId, locale);
            }
        }
        if (method.equals("POST") && path.equals(Protocol.DOCUMENTS)) {
            service.documents().add(caller, read(request, method, path, DocumentInfo.class, locale), locale);
            return java.util.Map.of("status", "ok");
        }
        if (method.equals("GET") && path.equals(Protocol.DOCUMENTS)) {
            String code = Request.extractQueryParameters(request).getValue("dossier");
            return new DocumentList(service.documents().list(caller, code == null ? "" : code, locale));
        }
        throw new SyncService.Refusal(404, "notFound", SyncService.text(locale, "notFound", method + " " + path));
    }

    private static void checkVersion(Request request, Locale locale) throws SyncService.Refusal {
        String version = request.getHeaders().get(Protocol.VERSION_HEADER);
        if (version == null || !version.strip().equals(Integer.toString(Protocol.VERSION))) {
            throw new SyncService.Refusal(426, "protocol", SyncService.text(locale, "protocol", version == null ? "?" : version, Protocol.VERSION));
        }
    }

    private <T> T read(Request request, String method, String path, Class<T> type, Locale locale) throws IOException, SyncService.Refusal {
        try (InputStream in = limits.body(request, method, path)) {
            T value = json.read(in, type);
            if (value == null) {
                throw new IOException("no JSON value");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw unreadable(e, locale);
        }
    }

    /** A JSON limit passed (wherever databind wrapped it) is refused as {@code jsonLimit}; anything else is unreadable (400). */
    private static IOException unreadable(com.fasterxml.jackson.core.JacksonException e, Locale locale) throws SyncService.Refusal {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException c) {
                throw new SyncService.Refusal(400, "jsonLimit", SyncService.text(locale, "jsonLimit", c.getOriginalMessage()));
            }
        }
        return new IOException(e.getOriginalMessage(), e);
    }

    /**
     * A push's commands, read one at a time from the stream: the 201st is refused as it starts, before it is parsed —
     * a batch is never built in memory to be counted afterwards.
     */
    private List<PushCommand> readPush(Request request, String method, String path, Locale locale) throws IOException, SyncService.Refusal {
        try (InputStream in = limits.body(request, method, path); JsonParser p = json.parser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a JSON object is expected");
            }
            List<PushCommand> commands = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("commands".equals(field) && value == JsonToken.START_ARRAY) {
                    commands = new ArrayList<>();
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (t == null) {
                            throw new IOException("the list of commands is cut short");
                        }
                        if (commands.size() == Protocol.MAX_PUSH) {
                            throw new SyncService.Refusal(413, "tooMany", SyncService.text(locale, "tooMany", Protocol.MAX_PUSH, "> " + Protocol.MAX_PUSH));
                        }
                        commands.add(json.readAt(p, PushCommand.class));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (commands == null) {
                throw new IOException("no list of commands");
            }
            return commands;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw unreadable(e, locale);
        }
    }

    private static RequestLimits.BodyTooLarge tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestLimits.BodyTooLarge b) {
                return b;
            }
        }
        return null;
    }

    private static String bearer(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7) : null;
    }

    private static Locale locale(Request request) {
        String h = request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE);
        return h != null && h.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Localizer.VIETNAMESE;
    }

    /**
     * A refused request with a body may leave part of it unread (a bad token is refused before a push is read), and
     * Jetty then closes the connection after the answer. Saying so in the answer keeps the client from sending its next
     * request on a connection that is about to close (the JDK client then fails a POST with "received no bytes").
     */
    private static void closeAfterRefusal(Request request, Response response) {
        HttpFields h = request.getHeaders();
        if (h.getLongField(HttpHeader.CONTENT_LENGTH) > 0 || h.contains(HttpHeader.TRANSFER_ENCODING)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    private void reply(Response response, Callback callback, int status, Object body) {
        byte[] bytes = json.write(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
