package vn.motcua.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import com.fasterxml.jackson.core.StreamReadConstraints;

import vn.motcua.sync.api.Protocol;
import vn.motcua.sync.api.SyncJson;

/**
 * What a request may be: a body limit per endpoint, enforced before reading (a declared {@code Content-Length} over it
 * is refused at once, 413, without reading a byte of the body; a chunked body is cut off at the limit, 413), JSON read
 * within Jackson's {@link StreamReadConstraints} (nesting depth, string, number, name and document length), and query
 * parameters that must be whole numbers in range (400 with the parameter named).
 */
final class RequestLimits {
    static final long SMALL = 4 * 1024;
    static final long DOCUMENT = 64 * 1024;
    /** Endpoints not listed (added later): a small JSON request. */
    static final long OTHER = 64 * 1024;
    private final Safeguards rules;
    private final SyncJson json;

    RequestLimits(Safeguards rules) {
        this.rules = rules;
        this.json = new SyncJson(StreamReadConstraints.builder().maxNestingDepth(rules.jsonDepth()).maxStringLength(rules.jsonStringChars())
                .maxNumberLength(40).maxNameLength(200).maxDocumentLength(Math.max(rules.pushBytes(), rules.referenceBytes())).build());
    }

    /** The JSON mapping requests are read with. */
    SyncJson json() {
        return json;
    }

    /** Largest body of a request to {@code method path}. */
    long bodyLimit(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") || method.equals("OPTIONS")) {
            return 0;
        }
        if (path.equals(Protocol.PUSH)) {
            return rules.pushBytes();
        }
        if (path.equals(Protocol.ADMIN_REFERENCE)) {
            return rules.referenceBytes();
        }
        if (path.startsWith(Protocol.FILES)) {
            return Protocol.MAX_CHUNK;
        }
        if (path.equals(Protocol.DOCUMENTS)) {
            return DOCUMENT;
        }
        if (path.equals(Protocol.LOGIN) || path.equals(Protocol.LOGOUT) || path.equals(Protocol.LOGIN_CHALLENGE) || path.equals(Protocol.LOGIN_RENEW)
                || path.startsWith(Protocol.USER_KEYS) || path.equals(Protocol.NUMBER_BLOCKS) || path.startsWith(Protocol.WORKSTATION_KEYS)) {
            return SMALL;
        }
        return OTHER;
    }

    /** 413 before reading when the request declares a body longer than its endpoint takes. */
    void checkDeclared(Request request, String method, String path, Locale locale) throws SyncService.Refusal {
        long limit = bodyLimit(method, path);
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(limit, locale);
        }
    }

    static SyncService.Refusal tooLarge(long limit, Locale locale) {
        return new SyncService.Refusal(413, "bodyTooLarge", SyncService.text(locale, "bodyTooLarge", limit));
    }

    /** The body, failing with {@link BodyTooLarge} as soon as more than the endpoint's limit has arrived. */
    InputStream body(Request request, String method, String path) {
        return new Bounded(Content.Source.asInputStream(request), bodyLimit(method, path));
    }

    /** A body went past its limit while being read (chunked, or longer than it declared). */
    static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final long limit;

        BodyTooLarge(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && --left < 0) {
                throw new BodyTooLarge(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // Never ask for more than one byte past the limit: that byte is enough to know.
            int n = in.read(b, off, (int) Math.min(len, left + 1));
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new BodyTooLarge(limit);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192)));
        }
    }

    /** A whole-number query parameter in [{@code min}, {@code max}], {@code fallback} when absent; else 400 naming it. */
    static long parameter(Fields query, String name, long fallback, long min, long max, Locale locale) throws SyncService.Refusal {
        String v = query.getValue(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below with the parameter's name and range
        }
        String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        throw new SyncService.Refusal(400, "badParameter", SyncService.text(locale, "badParameter", name, shown, min, max));
    }
}
