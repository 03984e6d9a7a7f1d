package vn.motcua.sign.pdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.trust.CertificateGate;

/**
 * Signs many PDFs in one session (one PIN) with the {@link Batch} loop: the certificate gate runs once, each document
 * is signed into a temporary file and moved in place.
 */
public final class BatchSigner {
    public record Item(Path input, Path output) {
    }

    /** Kept as BatchSigner's own names for callers that sign files. */
    public enum Status {
        SIGNED, FAILED, NOT_ATTEMPTED
    }

    public record Result(Item item, Status status, SigningException.Reason reason, String message) {
    }

    @FunctionalInterface
    public interface Progress {
        void done(int finished, int total, Result last);
    }

    private final CertificateGate gate;

    public BatchSigner(CertificateGate gate) {
        this.gate = gate;
    }

    public List<Result> sign(List<Item> items, Signer signer, SignatureSpec spec, Progress progress, BooleanSupplier cancelled, Locale locale)
            throws SigningException {
        // Once: same certificate for every document, and the same revocation answers embedded in each (B-LT).
        PadesSigner pades = new PadesSigner(null, PadesSigner.evidenceOf(gate.require(signer, Instant.now())));
        return Batch.run(items, it -> PadesSigner.writeAtomically(it.output(), pades.sign(Files.readAllBytes(it.input()), signer, spec)),
                progress == null ? null : (done, total, o) -> progress.done(done, total, result(o)), cancelled, locale, null).stream()
                .map(BatchSigner::result).toList();
    }

    private static Result result(Batch.Outcome<Item> o) {
        return new Result(o.item(), Status.valueOf(o.status().name()), o.reason(), o.message());
    }
}
