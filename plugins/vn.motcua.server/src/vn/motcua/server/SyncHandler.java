package vn.motcua.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Locale;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.sync.api.Messages;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.DocumentList;
import vn.motcua.sync.api.Messages.ErrorResponse;
import vn.motcua.sync.api.Messages.LoginRequest;
import vn.motcua.sync.api.Messages.NumberBlockRequest;
import vn.motcua.sync.api.Messages.PushRequest;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.Protocol;
import vn.motcua.sync.api.SyncJson;

/**
 * The protocol over HTTP (Jetty core API, no servlets): routes, JSON in and out, the protocol version check,
 * bearer tokens, and refusals as {@link ErrorResponse} in the caller's language (Accept-Language).
 */
final class SyncHandler extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger(SyncHandler.class.getName());
    private final SyncService service;
    private final UpdateService updates;
    private final UpdateRoutes updateRoutes;
    private final SyncJson json = new SyncJson();

    SyncHandler(SyncService service, UpdateService updates) {
        this.service = service;
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
                checkVersion(request, locale);
                updateRoutes.handle(request, response, callback, method, path, locale);
                return true;
            }
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
            reply(response, callback, r.status, new ErrorResponse(r.code, r.getMessage()));
        } catch (IOException e) {
            reply(response, callback, 400, new ErrorResponse("badRequest", SyncService.text(locale, "badRequest", e.getMessage())));
        } catch (SQLException | RuntimeException e) {
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
            LoginRequest in = read(request, LoginRequest.class);
            return service.login(in.username(), in.password(), in.workstationId(), locale);
        }
        SyncService.Caller caller = service.authenticate(bearer(request), locale);
        if (method.equals("POST") && path.equals(Protocol.PUSH)) {
            PushRequest in = read(request, PushRequest.class);
            if (in.commands() == null || in.commands().size() > Protocol.MAX_PUSH) {
                throw new SyncService.Refusal(413, "tooMany", SyncService.text(locale, "tooMany", Protocol.MAX_PUSH,
                        in.commands() == null ? 0 : in.commands().size()));
            }
            return new PushResponse(service.push(caller, in.commands(), locale));
        }
        if (method.equals("GET") && path.equals(Protocol.PULL)) {
            Fields q = Request.extractQueryParameters(request);
            long cursor = Long.parseLong(q.getValue("after") == null ? "0" : q.getValue("after"));
            int limit = Integer.parseInt(q.getValue("limit") == null ? "500" : q.getValue("limit"));
            return service.pull(caller, cursor, limit);
        }
        if (method.equals("GET") && path.equals(Protocol.REFERENCE)) {
            return updates.reference(service.reference(caller));
        }
        if (method.equals("PUT") && path.equals(Protocol.ADMIN_REFERENCE)) {
            service.putReference(caller, read(request, AdminReference.class), locale);
            return java.util.Map.of("status", "ok");
        }
        if (method.equals("POST") && path.equals(Protocol.NUMBER_BLOCKS)) {
            return service.reserveBlock(caller, read(request, NumberBlockRequest.class));
        }
        if (path.startsWith(Protocol.FILES)) {
            String rest = path.substring(Protocol.FILES.length());
            if (method.equals("GET") && rest.endsWith("/state")) {
                return service.documents().state(rest.substring(0, rest.length() - "/state".length()), locale);
            }
            if (method.equals("PUT")) {
                Fields q = Request.extractQueryParameters(request);
                long offset = Long.parseLong(q.getValue("offset") == null ? "-1" : q.getValue("offset"));
                long total = Long.parseLong(q.getValue("total") == null ? "0" : q.getValue("total"));
                byte[] chunk;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    chunk = in.readNBytes(Protocol.MAX_CHUNK + 1);
                }
                return service.documents().putChunk(rest, offset, total, chunk, locale);
            }
        }
        if (path.startsWith(Protocol.WORKSTATION_KEYS)) {
            String cacheId = path.substring(Protocol.WORKSTATION_KEYS.length());
            if (method.equals("PUT")) {
                service.putWorkstationKey(caller, cacheId, read(request, Messages.WorkstationKey.class).key(), locale);
                return java.util.Map.of("status", "ok");
            }
            if (method.equals("GET")) {
                return service.workstationKey(caller, cacheId, locale);
            }
        }
        if (method.equals("POST") && path.equals(Protocol.DOCUMENTS)) {
            service.documents().add(caller, read(request, DocumentInfo.class), locale);
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

    private <T> T read(Request request, Class<T> type) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return json.read(in, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    private static String bearer(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7) : null;
    }

    private static Locale locale(Request request) {
        String h = request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE);
        return h != null && h.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Localizer.VIETNAMESE;
    }

    private void reply(Response response, Callback callback, int status, Object body) {
        byte[] bytes = json.write(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
