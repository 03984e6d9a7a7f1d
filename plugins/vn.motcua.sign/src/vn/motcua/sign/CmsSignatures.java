package vn.motcua.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.motcua.sign.SigningException.Reason;

/**
 * Detached CMS SignedData built with Bouncy Castle around a {@link Signer} that signs a hash: SHA-256,
 * {@code signing-certificate-v2}, optionally without {@code signing-time} (PAdES baseline puts the time in the
 * PDF's /M) and with an RFC 3161 {@code signature-time-stamp} (B-T).
 */
public final class CmsSignatures {
    private CmsSignatures() {
    }

    /**
     * @param content the signed bytes (the PDF's ByteRange, or a canonical record)
     * @param withSigningTime false for PAdES, true for CAdES records
     * @param tsa null = no timestamp
     */
    public static byte[] signDetached(byte[] content, Signer signer, boolean withSigningTime, TimestampClient tsa) throws SigningException {
        try {
            X509Certificate cert = signer.certificate().certificate();
            HashContentSigner cs = new HashContentSigner(signer);
            Attribute signingCertV2 = signingCertificateV2(cert);
            DefaultSignedAttributeTableGenerator base = new DefaultSignedAttributeTableGenerator(new AttributeTable(signingCertV2));
            CMSAttributeTableGenerator attrs = withSigningTime ? base : new CMSAttributeTableGenerator() {
                @Override
                public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map params) {
                    return base.getAttributes(params).remove(CMSAttributes.signingTime);
                }
            };
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(attrs).build(cs, cert));
            gen.addCertificates(new JcaCertStore(signer.chain()));
            CMSSignedData signed;
            try {
                signed = gen.generate(new CMSProcessableByteArray(content), false);
            } catch (HashContentSigner.Failure f) {
                throw f.cause;
            }
            if (tsa != null) {
                signed = addTimestamp(signed, tsa);
            }
            return signed.getEncoded("DER");
        } catch (SigningException e) {
            throw e;
        } catch (HashContentSigner.Failure f) {
            throw f.cause;
        } catch (Exception e) {
            throw new SigningException(Reason.FAILED, e.toString(), null, e);
        }
    }

    static CMSSignedData addTimestamp(CMSSignedData signed, TimestampClient tsa) throws SigningException, IOException, CMSException {
        SignerInformation si = signed.getSignerInfos().getSigners().iterator().next();
        byte[] token = tsa.timestamp(sha256(si.getSignature()));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(ASN1Primitive.fromByteArray(token))));
        SignerInformation withTs = SignerInformation.replaceUnsignedAttributes(si, new AttributeTable(v));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(withTs));
    }

    static Attribute signingCertificateV2(X509Certificate cert) throws CertificateEncodingException {
        IssuerSerial is = new IssuerSerial(new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                cert.getSerialNumber());
        ESSCertIDv2 id = new ESSCertIDv2(sha256(cert.getEncoded()), is); // SHA-256 is the default hash: no AlgorithmIdentifier
        return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(new ESSCertIDv2[] { id })));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A BC ContentSigner that hashes the signed attributes and hands the hash to the {@link Signer}. */
    static final class HashContentSigner implements ContentSigner {
        static final class Failure extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final transient SigningException cause;

            Failure(SigningException cause) {
                super(cause);
                this.cause = cause;
            }
        }

        private final Signer signer;
        private final AlgorithmIdentifier algId;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        HashContentSigner(Signer signer) {
            this.signer = signer;
            this.algId = new DefaultSignatureAlgorithmIdentifierFinder()
                    .find("RSA".equals(signer.keyAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA");
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algId;
        }

        @Override
        public OutputStream getOutputStream() {
            return buf;
        }

        @Override
        public byte[] getSignature() {
            try {
                return signer.signHash(sha256(buf.toByteArray()));
            } catch (SigningException e) {
                throw new Failure(e);
            }
        }
    }
}
