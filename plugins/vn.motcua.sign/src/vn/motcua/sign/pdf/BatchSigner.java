package vn.motcua.sign.pdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.trust.CertificateGate;

/**
 * Signs many PDFs in one session (one PIN): the certificate gate runs once, each document is signed into a
 * temporary file and moved in place, one bad document does not affect the others, and an error that makes the
 * token unusable (removed, locked, PIN per signature) stops the batch cleanly — documents already signed stay
 * signed, the rest are left untouched and reported as not attempted. Progress is reported after each document;
 * cancel is checked before each document.
 */
public final class BatchSigner {
    public record Item(Path input, Path output) {
    }

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
        gate.require(signer, Instant.now()); // once: same certificate for every document
        PadesSigner pades = new PadesSigner(null);
        SignatureSpec fixedTime = spec;
        List<Result> results = new ArrayList<>();
        SigningException stop = null;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            Result r;
            if (stop != null) {
                r = new Result(it, Status.NOT_ATTEMPTED, stop.reason(), stop.message(locale));
            } else if (cancelled != null && cancelled.getAsBoolean()) {
                r = new Result(it, Status.NOT_ATTEMPTED, SigningException.Reason.CANCELLED,
                        new SigningException(SigningException.Reason.CANCELLED, null).message(locale));
            } else {
                try {
                    byte[] signed = pades.sign(Files.readAllBytes(it.input()), signer, fixedTime);
                    PadesSigner.writeAtomically(it.output(), signed);
                    r = new Result(it, Status.SIGNED, null, null);
                } catch (SigningException e) {
                    r = new Result(it, Status.FAILED, e.reason(), e.message(locale));
                    if (e.stopsBatch()) {
                        stop = e;
                    }
                } catch (Exception e) {
                    r = new Result(it, Status.FAILED, SigningException.Reason.FAILED, String.valueOf(e));
                }
            }
            results.add(r);
            if (progress != null) {
                progress.done(i + 1, items.size(), r);
            }
        }
        return results;
    }
}
