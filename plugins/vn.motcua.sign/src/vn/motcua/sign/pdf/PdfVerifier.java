package vn.motcua.sign.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;

import vn.motcua.sign.CmsSignatures;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.Texts;
import vn.motcua.sign.pdf.SignatureReport.Coverage;
import vn.motcua.sign.pdf.SignatureReport.Integrity;
import vn.motcua.sign.pdf.SignatureReport.Verdict;
import vn.motcua.sign.trust.RevocationChecker;
import vn.motcua.sign.trust.TrustResult;
import vn.motcua.sign.trust.TrustStore;

/**
 * Checks every signature of a PDF: the CMS over the ByteRange bytes, what happened to the file after the signed
 * revision (nothing / only other signatures / validation data / unsigned changes), the signing time (a timestamp's
 * only when its TSA is trusted, else the declared one), the chain to a trusted root and the certificate's validity at
 * that time, and revocation: from the answers the signer embedded (DSS, PAdES B-LT) and, when an online checker was
 * given, asked now (which decides when the embedded answers say nothing, and always when it finds the certificate
 * revoked). See {@link #verdict} for how these make the verdict. Later
 * revisions that only add signatures are recognised by their end offsets matching other signatures' ByteRanges; what
 * those revisions change besides adding the signature is not analysed (no shadow-attack detection).
 */
public final class PdfVerifier {
    /** Entries of a DSS array read, and bytes of each (a CA's CRL): what a hostile file can make us parse. */
    private static final int MAX_DSS_ENTRIES = 20;
    private static final int MAX_DSS_BYTES = 8 << 20;
    private final TrustStore trust;
    private final RevocationChecker revocation;
    private final Locale locale;

    /** Offline: revocation is reported as not checked. */
    public PdfVerifier(TrustStore trust) {
        this(trust, null, null);
    }

    /** @param revocation the online checker (null = offline); {@code locale} of the revocation and DSS lines */
    public PdfVerifier(TrustStore trust, RevocationChecker revocation, Locale locale) {
        this.trust = trust;
        this.revocation = revocation;
        this.locale = locale;
    }

    public List<SignatureReport> verify(Path pdf) throws IOException {
        return verify(Files.readAllBytes(pdf));
    }

    public List<SignatureReport> verify(byte[] file) throws IOException {
        List<SignatureReport> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(file)) {
            List<PDSignature> sigs = doc.getSignatureDictionaries();
            List<Long> sigEnds = new ArrayList<>();
            for (PDSignature s : sigs) {
                int[] br = s.getByteRange();
                if (br != null && br.length == 4) {
                    sigEnds.add((long) br[2] + br[3]);
                }
            }
            List<Long> eofEnds = revisionEnds(file);
            String dss = dssText(doc);
            RevocationChecker embedded = embeddedAnswers(doc);
            for (PDSignature s : sigs) {
                out.add(check(s, file, sigEnds, eofEnds, doc, dss, embedded));
            }
        }
        return out;
    }

    private SignatureReport check(PDSignature s, byte[] file, List<Long> sigEnds, List<Long> eofEnds, PDDocument full, String dss,
            RevocationChecker embedded) {
        String field = s.getName();
        Instant declared = s.getSignDate() == null ? null : s.getSignDate().toInstant();
        int[] br = s.getByteRange();
        if (br == null || br.length != 4 || br[0] != 0 || br[1] < 0 || br[2] < br[1] || br[3] < 0 || (long) br[2] + br[3] > file.length) {
            return new SignatureReport(field, s.getSubFilter(), "?", "", "", declared, null, Integrity.BROKEN, Coverage.INVALID_RANGE,
                    false, null, null, false, Verdict.INVALID, "ByteRange " + Arrays.toString(br), null, dss, null, 0, false, null, null);
        }
        long signedLength = (long) br[2] + br[3];
        Coverage coverage = coverage(signedLength, file.length, sigEnds, eofEnds);
        if (coverage == Coverage.CHANGED_AFTER_SIGNING && onlyValidationDataAfter(file, signedLength, full)) {
            coverage = Coverage.VALIDATION_DATA_ADDED;
        }
        String signer = "?", agency = "", issuer = "";
        Timestamp ts = null;
        Integrity integrity;
        String detail = "";
        boolean trusted = false, validThen = false;
        String anchor = null, trustProblem = null;
        X509Certificate cert = null;
        RevocationChecker.Result revoked = null;
        Instant at = null;
        try {
            byte[] signed = new byte[br[1] + br[3]];
            System.arraycopy(file, br[0], signed, 0, br[1]);
            System.arraycopy(file, br[2], signed, br[1], br[3]);
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed), derContentInfo(s.getContents()));
            SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
            Store<X509CertificateHolder> store = cms.getCertificates();
            @SuppressWarnings({ "unchecked", "rawtypes" })
            Collection<X509CertificateHolder> matches = store.getMatches((Selector) si.getSID());
            if (matches.isEmpty()) {
                throw new IllegalStateException("signer certificate not in the signature");
            }
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            cert = conv.getCertificate(matches.iterator().next());
            SigningCertificate sc = SigningCertificate.of(cert, "pdf", Instant.now());
            signer = sc.holder();
            agency = sc.agency();
            issuer = sc.issuer();
            try {
                integrity = si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert)) ? Integrity.INTACT : Integrity.BROKEN;
            } catch (CMSSignerDigestMismatchException e) {
                integrity = Integrity.DIGEST_MISMATCH;
            }
            ts = timestamp(si);
            // The signing time: a trusted timestamp's; otherwise only what the signer declared (or now, if nothing).
            at = ts != null && ts.trusted() ? ts.time() : declared != null ? declared : Instant.now();
            try {
                cert.checkValidity(Date.from(at));
                validThen = true;
            } catch (CertificateException e) {
                validThen = false;
            }
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            for (X509CertificateHolder h : store.getMatches(null)) {
                X509Certificate c = conv.getCertificate(h);
                if (!c.equals(cert)) {
                    chain.add(c);
                }
            }
            TrustResult t = trust.validate(chain, Date.from(at));
            List<X509Certificate> path = t.trusted() ? t.pathWithAnchor() : chain;
            // What the signer embedded (B-LT) speaks for the signing time. Asked online now as well when we may: that
            // decides when the embedded answers say nothing, and a revocation found now is never hidden by them.
            if (embedded != null) {
                revoked = embedded.check(path, at);
            }
            if (revocation != null) {
                RevocationChecker.Result asked = revocation.check(path, Instant.now());
                if (revoked == null || !revoked.checked() || asked.status() == RevocationChecker.Status.REVOKED) {
                    revoked = asked;
                }
            }
            trusted = t.trusted();
            anchor = t.anchor() == null ? null : SigningCertificate.of(t.anchor(), "trust", at).holder();
            trustProblem = t.problem();
        } catch (Exception e) {
            integrity = Integrity.BROKEN;
            detail = e.toString();
        }
        Verdict v = verdict(integrity, coverage, validThen, trusted, revoked, ts, at);
        String revocationText = revoked != null ? revoked.text(locale) : null;
        return new SignatureReport(field, s.getSubFilter(), signer, agency, issuer, declared, ts == null ? null : ts.time(), integrity, coverage,
                trusted, anchor, trustProblem, validThen, v, detail, revocationText, dss, cert, signedLength, ts != null && ts.trusted(),
                ts == null || ts.trusted() ? null : ts.problem(), revoked == null ? null : revoked.status());
    }

    /**
     * VALID only when everything holds: intact, not changed after signing, a trusted chain, the certificate valid at the
     * signing time and known not revoked. A certificate revoked at or before the signing time is INVALID; revoked later
     * than a trusted timestamp proves the signature was made, it does not matter; revoked without such a proof, or a
     * status nobody could tell, leaves the signature INDETERMINATE.
     */
    static Verdict verdict(Integrity integrity, Coverage coverage, boolean validThen, boolean trusted, RevocationChecker.Result revoked, Timestamp ts,
            Instant at) {
        if (integrity != Integrity.INTACT || coverage == Coverage.INVALID_RANGE || !validThen) {
            return Verdict.INVALID;
        }
        boolean revocationSettled = revoked != null && revoked.status() == RevocationChecker.Status.GOOD;
        if (revoked != null && revoked.status() == RevocationChecker.Status.REVOKED) {
            Instant when = revoked.revokedAt();
            if (when == null || !when.isAfter(at)) {
                return Verdict.INVALID;
            }
            revocationSettled = ts != null && ts.trusted() && when.isAfter(ts.time());
        }
        if (!trusted || coverage == Coverage.CHANGED_AFTER_SIGNING || !revocationSettled) {
            return Verdict.INDETERMINATE;
        }
        return Verdict.VALID;
    }

    /** The DSS line of the report, or null when the file has none. */
    private String dssText(PDDocument doc) {
        COSBase d = doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("DSS"));
        if (!(d instanceof COSDictionary dss)) {
            return null;
        }
        return Texts.TEXT.format(locale, "verify.ltv", size(dss, "Certs"), size(dss, "OCSPs"), size(dss, "CRLs"));
    }

    /** A checker over the OCSP answers and CRLs of the document's DSS, or null when it has none. */
    private static RevocationChecker embeddedAnswers(PDDocument doc) {
        COSBase d = doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("DSS"));
        if (!(d instanceof COSDictionary dss)) {
            return null;
        }
        List<byte[]> ocsps = streams(dss, "OCSPs");
        List<byte[]> crls = streams(dss, "CRLs");
        return ocsps.isEmpty() && crls.isEmpty() ? null : RevocationChecker.embedded(ocsps, crls);
    }

    private static List<byte[]> streams(COSDictionary dss, String key) {
        List<byte[]> out = new ArrayList<>();
        if (dss.getDictionaryObject(COSName.getPDFName(key)) instanceof COSArray a) {
            for (int i = 0; i < a.size() && i < MAX_DSS_ENTRIES; i++) {
                if (a.getObject(i) instanceof org.apache.pdfbox.cos.COSStream st) {
                    try (java.io.InputStream in = st.createInputStream()) {
                        out.add(in.readNBytes(MAX_DSS_BYTES));
                    } catch (IOException e) {
                        // an unreadable entry says nothing
                    }
                }
            }
        }
        return out;
    }

    private static int size(COSDictionary d, String key) {
        return d.getDictionaryObject(COSName.getPDFName(key)) instanceof COSArray a ? a.size() : 0;
    }

    /** A value's text with indirect objects as their numbers, never dereferenced (so two revisions compare). */
    private static String shallow(COSBase v) {
        if (v instanceof org.apache.pdfbox.cos.COSObject o) {
            return "ref " + o.getKey();
        }
        if (v instanceof COSDictionary d) {
            StringBuilder b = new StringBuilder("<<");
            d.keySet().stream().sorted(java.util.Comparator.comparing(COSName::getName))
                    .forEach(k -> b.append('/').append(k.getName()).append(' ').append(shallow(d.getItem(k))).append(' '));
            return b.append(">>").toString();
        }
        if (v instanceof COSArray a) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                b.append(shallow(a.get(i))).append(' ');
            }
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static COSObjectKey rootKey(PDDocument d) {
        return d.getDocument().getTrailer().getItem(COSName.ROOT) instanceof org.apache.pdfbox.cos.COSObject o ? o.getKey() : null;
    }

    /**
     * Whether everything after {@code end} (the signed revision) only adds validation data: no object of the signed
     * revision is redefined except the catalog, the catalog differs only by /DSS, and no compressed object stream hides
     * other objects. New objects are then reachable only through the DSS, so nothing visible can have changed.
     */
    static boolean onlyValidationDataAfter(byte[] file, long end, PDDocument full) {
        String tail = new String(file, (int) end, file.length - (int) end, StandardCharsets.ISO_8859_1);
        if (tail.contains("/ObjStm")) {
            return false;
        }
        try (PDDocument signed = Loader.loadPDF(Arrays.copyOf(file, (int) end))) {
            COSDictionary before = signed.getDocumentCatalog().getCOSObject();
            COSDictionary after = full.getDocumentCatalog().getCOSObject();
            COSObjectKey catalog = rootKey(signed);
            if (catalog == null || !catalog.equals(rootKey(full))) {
                return false;
            }
            java.util.Set<COSObjectKey> existing = signed.getDocument().getXrefTable().keySet();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)(?:^|\\s)(\\d+)\\s+(\\d+)\\s+obj\\b").matcher(tail);
            while (m.find()) {
                COSObjectKey k = new COSObjectKey(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
                if (existing.contains(k) && !k.equals(catalog)) {
                    return false;
                }
            }
            java.util.Set<COSName> keys = new java.util.HashSet<>(after.keySet());
            keys.remove(COSName.getPDFName("DSS"));
            if (!keys.equals(new java.util.HashSet<>(before.keySet()))) {
                return false;
            }
            for (COSName k : keys) {
                if (!shallow(before.getItem(k)).equals(shallow(after.getItem(k)))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A signature timestamp: its time, and whether its TSA chains to a trusted root (else the problem). */
    record Timestamp(Instant time, boolean trusted, String problem) {
    }

    /**
     * The RFC 3161 signature timestamp, after checking its imprint and its TSA signature; trusted only when the TSA's
     * certificate is for timestamping and chains to a trusted root at the timestamp's time. Null without one.
     */
    private Timestamp timestamp(SignerInformation si) {
        AttributeTable unsigned = si.getUnsignedAttributes();
        Attribute a = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (a == null) {
            return null;
        }
        // Unsigned attributes are not covered by the signature: a bad timestamp is only not believed, the signature stands.
        Instant time = null;
        try {
            TimeStampToken tst = new TimeStampToken(ContentInfo.getInstance(a.getAttrValues().getObjectAt(0)));
            time = tst.getTimeStampInfo().getGenTime().toInstant();
            if (!Arrays.equals(tst.getTimeStampInfo().getMessageImprintDigest(), CmsSignatures.sha256(si.getSignature()))) {
                return new Timestamp(time, false, "the timestamp is not over this signature");
            }
            @SuppressWarnings({ "unchecked", "rawtypes" })
            Collection<X509CertificateHolder> tsa = tst.getCertificates().getMatches((Selector) tst.getSID());
            if (tsa.isEmpty()) {
                return new Timestamp(time, false, "the timestamp carries no TSA certificate");
            }
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            X509Certificate tsaCert = conv.getCertificate(tsa.iterator().next());
            // validate() also requires the critical timeStamping extended key usage (RFC 3161 2.3).
            tst.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(tsaCert);
            @SuppressWarnings({ "unchecked", "rawtypes" })
            Collection<X509CertificateHolder> all = tst.getCertificates().getMatches(null);
            for (X509CertificateHolder h : all) {
                X509Certificate c = conv.getCertificate(h);
                if (!c.equals(tsaCert)) {
                    chain.add(c);
                }
            }
            TrustResult t = trust.validate(chain, Date.from(time));
            return new Timestamp(time, t.trusted(), t.trusted() ? null : t.problem());
        } catch (Exception e) {
            return new Timestamp(time, false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    static Coverage coverage(long end, long fileLength, List<Long> sigEnds, List<Long> eofEnds) {
        if (fileLength - end <= 2) {
            return Coverage.WHOLE_DOCUMENT;
        }
        for (long e : eofEnds) {
            if (e <= end + 2) {
                continue; // this revision or an earlier one
            }
            boolean isSignatureRevision = sigEnds.stream().anyMatch(se -> Math.abs(se - e) <= 2);
            if (!isSignatureRevision) {
                return Coverage.CHANGED_AFTER_SIGNING;
            }
        }
        boolean lastIsSigned = sigEnds.stream().anyMatch(se -> fileLength - se <= 2);
        return lastIsSigned ? Coverage.OTHER_SIGNATURES_ADDED : Coverage.CHANGED_AFTER_SIGNING;
    }

    /** Offsets just after each "%%EOF" marker and its end-of-line. */
    static List<Long> revisionEnds(byte[] f) {
        byte[] eof = "%%EOF".getBytes(StandardCharsets.US_ASCII);
        List<Long> ends = new ArrayList<>();
        outer: for (int i = 0; i + eof.length <= f.length; i++) {
            for (int j = 0; j < eof.length; j++) {
                if (f[i + j] != eof[j]) {
                    continue outer;
                }
            }
            int e = i + eof.length;
            while (e < f.length && (f[e] == '\r' || f[e] == '\n')) {
                e++;
            }
            ends.add((long) e);
        }
        return ends;
    }


    /** /Contents is zero-padded to the reserved size: read the one DER object at its start. */
    public static ContentInfo derContentInfo(byte[] contents) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            return ContentInfo.getInstance(in.readObject());
        }
    }
}
