package vn.motcua.sync.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a bare socket, for what {@link RawHttp}'s client will not do: a body that keeps coming after the server
 * has answered (a 200 MB upload, an endless chunked body), a request from another loopback address (127.0.0.2), a
 * spoofed {@code X-Forwarded-For}. The answer is read while the body is still being written, so a server that refuses
 * early is seen to do so; the answer says how many body bytes had been written by then.
 */
public final class RawSocket {
    private RawSocket() {
    }

    /** Writes a request body to the socket until it is done or the server closes the connection. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** The server's answer, the body bytes the client had written when it came, and whether the server closed the connection. */
    public record Answer(int status, Map<String, String> headers, String body, long bodyBytesWritten) {
        public String code() {
            return new RawHttp.Reply(status, body, headers).code();
        }
    }

    /**
     * Sends {@code method path} with {@code headers} (the protocol version header is added) from {@code localAddress}
     * (null: any), then {@code body} on its own thread, and reads the answer.
     */
    public static Answer exchange(URI server, InetAddress localAddress, String method, String path, Map<String, String> headers, Body body)
            throws IOException, InterruptedException {
        try (Socket s = new Socket()) {
            if (localAddress != null) {
                s.bind(new InetSocketAddress(localAddress, 0));
            }
            s.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
            s.setSoTimeout(120_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort() + "\r\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("X-Motcua-Protocol", "1");
            all.put("Accept-Language", "vi");
            all.putAll(headers);
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            AtomicLong written = new AtomicLong();
            AtomicLong atAnswer = new AtomicLong(-1);
            Thread writer = new Thread(() -> {
                try {
                    body.write(new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            out.write(b);
                            written.incrementAndGet();
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                            written.addAndGet(len);
                        }
                    });
                    out.flush();
                } catch (IOException e) {
                    // the server closed the connection: what an early refusal does
                }
            }, "raw-body");
            writer.setDaemon(true);
            writer.start();
            InputStream in = s.getInputStream();
            String status = line(in, atAnswer, written);
            Map<String, String> h = new LinkedHashMap<>();
            for (String l = line(in, atAnswer, written); !l.isEmpty(); l = line(in, atAnswer, written)) {
                int colon = l.indexOf(':');
                h.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
            }
            byte[] content;
            if (h.containsKey("content-length")) {
                content = in.readNBytes(Integer.parseInt(h.get("content-length")));
            } else {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                content = b.toByteArray();
            }
            s.close();
            writer.join(30_000);
            return new Answer(Integer.parseInt(status.split(" ")[1]), h, new String(content, StandardCharsets.UTF_8), atAnswer.get());
        }
    }

    private static String line(InputStream in, AtomicLong atAnswer, AtomicLong written) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (atAnswer.get() < 0) {
                atAnswer.set(written.get());
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("the server closed the connection without an answer (" + written.get() + " body bytes written)");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** {@code n} bytes of {@code fill} after {@code prefix}, written in 64 KiB pieces (a body declared with its length). */
    public static Body repeated(byte[] prefix, byte fill, long n) {
        return out -> {
            out.write(prefix);
            byte[] piece = new byte[64 * 1024];
            java.util.Arrays.fill(piece, fill);
            for (long left = n; left > 0; left -= piece.length) {
                out.write(piece, 0, (int) Math.min(piece.length, left));
            }
        };
    }

    /** The same, as a chunked body ({@code Transfer-Encoding: chunked}), one 64 KiB chunk at a time. */
    public static Body chunked(byte[] prefix, byte fill, long n) {
        return out -> {
            chunk(out, prefix, prefix.length);
            byte[] piece = new byte[64 * 1024];
            java.util.Arrays.fill(piece, fill);
            for (long left = n; left > 0; left -= piece.length) {
                chunk(out, piece, (int) Math.min(piece.length, left));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    private static void chunk(OutputStream out, byte[] b, int len) throws IOException {
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, 0, len);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}
