package vn.motcua.sign.pdf;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * What to sign and how: kind, visible stamp ({@code null} = invisible, except training keys which always get a
 * stamp), reason/location, a TSA for PAdES B-T ({@code null} = B-B), the declared signing time ({@code null} = now)
 * and the zone and language of the stamp.
 */
public record SignatureSpec(SignatureKind kind, Stamp stamp, String reason, String location, URI tsaUrl, Instant time,
        ZoneId zone, Locale locale) {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public static SignatureSpec of(SignatureKind kind) {
        return new SignatureSpec(kind, Stamp.defaultPlace(), null, null, null, null, VIETNAM, null);
    }

    public SignatureSpec withStamp(Stamp s) {
        return new SignatureSpec(kind, s, reason, location, tsaUrl, time, zone, locale);
    }

    public SignatureSpec withTsa(URI url) {
        return new SignatureSpec(kind, stamp, reason, location, url, time, zone, locale);
    }

    public SignatureSpec withTime(Instant t) {
        return new SignatureSpec(kind, stamp, reason, location, tsaUrl, t, zone, locale);
    }

    public SignatureSpec withLocale(Locale l) {
        return new SignatureSpec(kind, stamp, reason, location, tsaUrl, time, zone, l);
    }

    public SignatureSpec withReason(String r, String loc) {
        return new SignatureSpec(kind, stamp, r, loc, tsaUrl, time, zone, locale);
    }
}
