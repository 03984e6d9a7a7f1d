package vn.motcua.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import vn.motcua.sync.api.Messages.ErrorResponse;
import vn.motcua.sync.api.SyncJson;
import vn.motcua.sync.api.UpdateProtocol;
import vn.motcua.sync.api.UpdateProtocol.PackageList;
import vn.motcua.sync.api.UpdateProtocol.Rollout;
import vn.motcua.sync.api.UpdateProtocol.RolloutList;
import vn.motcua.sync.api.UpdateProtocol.UpdateCheck;
import vn.motcua.sync.api.UpdateProtocol.WorkstationList;

/**
 * The update endpoints over HTTP ({@link UpdateProtocol}): JSON in and out, package bodies streamed with a size cap,
 * downloads with one byte range ({@code Range: bytes=N-} or {@code bytes=N-M}) so an interrupted download resumes.
 * Every request needs a session; the admin ones the ADMIN role ({@link UpdateService}).
 */
final class UpdateRoutes {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,15})-(\\d{0,15})");
    private static final int MAX_JSON = 256 * 1024;
    private final SyncService sync;
    private final UpdateService updates;
    private final SyncJson json = new SyncJson();

    UpdateRoutes(SyncService sync, UpdateService updates) {
        this.sync = sync;
        this.updates = updates;
    }

    static boolean handles(String path) {
        return path.startsWith(UpdateProtocol.CHECK) || path.startsWith(UpdateProtocol.PACKAGES)
                || path.startsWith(UpdateProtocol.ADMIN_PACKAGES) || path.startsWith(UpdateProtocol.ADMIN_ROLLOUTS)
                || path.startsWith(UpdateProtocol.ADMIN_WORKSTATIONS);
    }

    /** Answers a request {@link #handles} accepted; the protocol version was checked by the caller. */
    void handle(Request request, Response response, Callback callback, String method, String path, Locale locale)
            throws SyncService.Refusal, IOException, SQLException {
        SyncService.Caller caller = sync.authenticate(bearer(request), locale);
        if (method.equals("GET") && path.startsWith(UpdateProtocol.PACKAGES)) {
            download(request, response, callback, updates.packageFile(caller, path.substring(UpdateProtocol.PACKAGES.length()), locale), locale);
            return;
        }
        Object answer;
        if (method.equals("POST") && path.equals(UpdateProtocol.CHECK)) {
            answer = updates.check(caller, read(request, UpdateCheck.class), locale);
        } else if (method.equals("PUT") && path.equals(UpdateProtocol.ADMIN_PACKAGES)) {
            long declared = request.getLength();
            if (declared > updates.maxPackageBytes()) {
                throw new SyncService.Refusal(413, "updates.tooLarge", UpdateService.text(locale, "updates.tooLarge", updates.maxPackageBytes() >> 20));
            }
            try (InputStream in = Content.Source.asInputStream(request)) {
                answer = updates.upload(caller, in, locale);
            }
        } else if (method.equals("GET") && path.equals(UpdateProtocol.ADMIN_PACKAGES)) {
            answer = new PackageList(updates.packages(caller, locale));
        } else if (method.equals("PUT") && path.equals(UpdateProtocol.ADMIN_ROLLOUTS)) {
            updates.stage(caller, read(request, Rollout.class), locale);
            answer = java.util.Map.of("status", "ok");
        } else if (method.equals("GET") && path.equals(UpdateProtocol.ADMIN_ROLLOUTS)) {
            answer = new RolloutList(updates.rollouts(caller, locale));
        } else if (method.equals("GET") && path.equals(UpdateProtocol.ADMIN_WORKSTATIONS)) {
            answer = new WorkstationList(updates.workstations(caller, locale));
        } else {
            throw new SyncService.Refusal(404, "notFound", SyncService.text(locale, "notFound", method + " " + path));
        }
        reply(response, callback, 200, answer);
    }

    /** The package file, whole (200) or from a byte range (206); a range past its end is 416. */
    private void download(Request request, Response response, Callback callback, Path file, Locale locale)
            throws SyncService.Refusal, IOException {
        long size = Files.size(file);
        long from = 0;
        long to = size - 1;
        String range = request.getHeaders().get(HttpHeader.RANGE);
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (!m.matches()) {
                throw new SyncService.Refusal(416, "updates.badRange", UpdateService.text(locale, "updates.badRange", shorten(range)));
            }
            from = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty()) {
                to = Math.min(to, Long.parseLong(m.group(2)));
            }
            if (from >= size || to < from) {
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                throw new SyncService.Refusal(416, "updates.badRange", UpdateService.text(locale, "updates.badRange", shorten(range)));
            }
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + size);
        } else {
            response.setStatus(200);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, to - from + 1);
        Content.copy(Content.Source.from(file, from, to - from + 1), response, callback);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private <T> T read(Request request, Class<T> type) throws IOException {
        if (request.getLength() > MAX_JSON) {
            throw new IOException("body larger than " + MAX_JSON + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_JSON + 1);
            if (bytes.length > MAX_JSON) {
                throw new IOException("body larger than " + MAX_JSON + " bytes");
            }
            return json.read(bytes, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    private static String bearer(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7) : null;
    }

    void reply(Response response, Callback callback, int status, Object body) {
        byte[] bytes = json.write(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
