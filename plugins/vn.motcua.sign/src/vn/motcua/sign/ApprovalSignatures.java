package vn.motcua.sign;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;

import vn.motcua.sign.trust.TrustResult;
import vn.motcua.sign.trust.TrustStore;

/** Detached CMS (CAdES-BES: signing-time + signing-certificate-v2) over an {@link ApprovalRecord}'s canonical bytes. */
public final class ApprovalSignatures {
    private ApprovalSignatures() {
    }

    public record Verification(boolean intact, SigningCertificate signer, Instant signingTime, TrustResult trust) {
        public boolean valid() {
            return intact && trust.trusted();
        }
    }

    public static byte[] sign(ApprovalRecord record, Signer signer) throws SigningException {
        return CmsSignatures.signDetached(record.canonicalBytes(), signer, true, null);
    }

    /** Never throws for bad input: a broken or foreign signature is {@code intact=false}. */
    public static Verification verify(ApprovalRecord record, byte[] cms, TrustStore trust) {
        try {
            CMSSignedData sd = new CMSSignedData(new CMSProcessableByteArray(record.canonicalBytes()), cms);
            SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings({ "unchecked", "rawtypes" })
            Collection<X509CertificateHolder> m = sd.getCertificates().getMatches((Selector) si.getSID());
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            X509Certificate cert = conv.getCertificate(m.iterator().next());
            boolean ok;
            try {
                ok = si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
            } catch (Exception e) {
                ok = false;
            }
            Instant when = null;
            Attribute st = si.getSignedAttributes() == null ? null : si.getSignedAttributes().get(CMSAttributes.signingTime);
            if (st != null) {
                when = Time.getInstance(st.getAttrValues().getObjectAt(0)).getDate().toInstant();
            }
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            for (X509CertificateHolder h : sd.getCertificates().getMatches(null)) {
                X509Certificate c = conv.getCertificate(h);
                if (!c.equals(cert)) {
                    chain.add(c);
                }
            }
            TrustResult t = trust.validate(chain, Date.from(when != null ? when : Instant.now()));
            return new Verification(ok, SigningCertificate.of(cert, "cms", Instant.now()), when, t);
        } catch (Exception e) {
            return new Verification(false, null, null, new TrustResult(false, null, List.of(), e.toString()));
        }
    }
}
