package vn.motcua.server;

import java.nio.file.Path;

/**
 * How the server checks the signatures that make approvals and issuing count ({@link ApprovalProofs}).
 *
 * @param trustDir           {@code signatures.trust.dir}: PEM/DER certificates — self-signed ones are the trust anchors,
 *                           the others intermediates that help build paths (default {@code trust/} beside the configuration)
 * @param revocationRequired {@code signatures.revocation.required}: refuse a signature that does not carry, in the PDF,
 *                           revocation answers (OCSP/CRL, PAdES B-LT) saying its certificate was good when it signed.
 *                           Default false: such a signature is accepted and recorded as "revocation not checked".
 */
public record SignatureSettings(Path trustDir, boolean revocationRequired) {
}
