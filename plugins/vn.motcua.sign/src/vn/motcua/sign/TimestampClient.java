package vn.motcua.sign;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;

import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import vn.motcua.sign.SigningException.Reason;

/** An RFC 3161 client over HTTP (BC TSP): asks for the TSA's certificate and a nonce, checks the response. */
public final class TimestampClient {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final URI url;
    private final Duration timeout;

    public TimestampClient(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    public URI url() {
        return url;
    }

    /** @return the DER TimeStampToken (a CMS ContentInfo) over the given SHA-256 hash */
    public byte[] timestamp(byte[] sha256) throws SigningException {
        try {
            TimeStampRequestGenerator g = new TimeStampRequestGenerator();
            g.setCertReq(true); // without the TSA certificate the token cannot be checked offline
            TimeStampRequest req = g.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(64, RANDOM));
            byte[] body = req.getEncoded();
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/timestamp-query");
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            if (c.getResponseCode() != 200) {
                throw new SigningException(Reason.TSA_FAILED, url + " HTTP " + c.getResponseCode());
            }
            byte[] resp;
            try (InputStream in = c.getInputStream()) {
                resp = in.readAllBytes();
            }
            TimeStampResponse r = new TimeStampResponse(resp);
            r.validate(req);
            TimeStampToken token = r.getTimeStampToken();
            if (token == null) {
                throw new SigningException(Reason.TSA_FAILED, url + ": " + r.getStatusString());
            }
            return token.getEncoded();
        } catch (SigningException e) {
            throw e;
        } catch (Exception e) {
            throw new SigningException(Reason.TSA_FAILED, url + ": " + e, null, e);
        }
    }
}
