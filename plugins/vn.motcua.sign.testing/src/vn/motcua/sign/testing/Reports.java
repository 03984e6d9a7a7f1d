package vn.motcua.sign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import vn.motcua.sign.pdf.SignatureReport;

/** Assertions on a verifier's report that tests share. */
public final class Reports {
    private Reports() {
    }

    /**
     * Everything about the signature holds — intact, over the whole signed revision, a trusted chain, valid when made —
     * but nobody could say whether the certificate is revoked (the test certificates name no OCSP/CRL service and nothing
     * was asked online): so it is honestly not "valid" but "not determined", and says why.
     */
    public static void assertSoundButRevocationUnknown(SignatureReport r) {
        String text = r.text(null);
        assertEquals(SignatureReport.Integrity.INTACT, r.integrity(), text);
        assertTrue(r.coverage() != SignatureReport.Coverage.CHANGED_AFTER_SIGNING && r.coverage() != SignatureReport.Coverage.INVALID_RANGE, text);
        assertTrue(r.trusted(), text);
        assertTrue(r.validAtSigningTime(), text);
        assertNull(r.revocationStatus(), text);
        assertEquals(SignatureReport.Verdict.INDETERMINATE, r.verdict(), text);
        assertTrue(text.contains("Không kiểm tra được tình trạng thu hồi"), text);
    }
}
