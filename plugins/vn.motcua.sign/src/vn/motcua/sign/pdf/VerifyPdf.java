package vn.motcua.sign.pdf;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import vn.motcua.sign.Texts;
import vn.motcua.sign.trust.TrustStore;

/**
 * Command line verifier for admins: {@code VerifyPdf [--lang en] [--online] [--trust DIR]... FILE.pdf...}. Prints each
 * signature's verdict and details. Revocation comes from the answers embedded in the file (PAdES B-LT) and, with
 * {@code --online}, from the certificates' OCSP/CRL services (bounded: time, size, redirects, http/https only). Exit code
 * 0 = every signature valid, 1 = some invalid, 2 = some indeterminate (e.g. untrusted root, changed after signing,
 * revocation unknown), 3 = no signature, 4 = usage or read error. See docs/signatures.md.
 */
public final class VerifyPdf {
    private VerifyPdf() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        Locale locale = null;
        boolean online = false;
        TrustStore trust;
        try {
            trust = TrustStore.shipped();
        } catch (Exception e) {
            trust = TrustStore.empty();
        }
        List<Path> files = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--lang" -> locale = Locale.forLanguageTag(args[++i]);
                    case "--online" -> online = true;
                    case "--trust" -> trust = trust.plus(TrustStore.fromFolder(Path.of(args[++i])));
                    default -> files.add(Path.of(args[i]));
                }
            }
        } catch (Exception e) {
            files.clear();
        }
        if (files.isEmpty()) {
            out.println("VerifyPdf [--lang vi|en] [--online] [--trust DIR]... FILE.pdf...");
            return 4;
        }
        int worst = 0;
        for (Path f : files) {
            out.println("== " + f);
            try {
                if (!Files.isRegularFile(f)) {
                    throw new java.io.FileNotFoundException(f.toString());
                }
                List<SignatureReport> reports = new PdfVerifier(trust,
                        online ? new vn.motcua.sign.trust.RevocationChecker(vn.motcua.sign.trust.RevocationChecker.Limits.standard()) : null, locale).verify(f);
                if (reports.isEmpty()) {
                    out.println(Texts.TEXT.format(locale, "verify.none"));
                    worst = Math.max(worst, 3);
                }
                int n = 1;
                for (SignatureReport r : reports) {
                    out.print("#" + n++ + " " + r.text(locale));
                    if (r.verdict() == SignatureReport.Verdict.INVALID && worst != 3 && worst != 4) {
                        worst = 1;
                    } else if (r.verdict() == SignatureReport.Verdict.INDETERMINATE && worst == 0) {
                        worst = 2;
                    }
                }
            } catch (Exception e) {
                out.println(Texts.TEXT.format(locale, "verify.unreadable", e.toString()));
                worst = 4;
            }
        }
        return worst;
    }
}
