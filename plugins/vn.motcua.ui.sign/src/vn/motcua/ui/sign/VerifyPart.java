package vn.motcua.ui.sign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.ui.Fonts;
import vn.motcua.core.i18n.Localizer;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.store.LocalCache;

/**
 * Verification of any PDF's signatures, for everyone: signer, time, integrity, changes after signing, chain to a
 * trusted root (the shipped store plus the data folder's {@code trust/}), a plain verdict, and "training" for
 * practice signatures. The same verifier as {@code releng/verify-pdf.sh}.
 */
public class VerifyPart {
    public static final String ID_KEY = "motcua.id";
    private static final Localizer TEXT = Localizer.of(VerifyPart.class, "messages");
    private final LocalCache cache;
    private final Locale locale;
    private Text file;
    private Text result;

    @Inject
    public VerifyPart(LocalCache cache, @Named(TranslationService.LOCALE) Locale locale) {
        this.cache = cache;
        this.locale = locale;
    }

    private String text(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().numColumns(3).margins(12, 10).applyTo(parent);
        Label title = new Label(parent, SWT.NONE);
        title.setText(text("title"));
        Fonts.bold(title, 1.25f);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(title);
        file = new Text(parent, SWT.BORDER);
        file.setMessage(text("file.hint"));
        file.setData(ID_KEY, "verify.file");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(file);
        Button browse = new Button(parent, SWT.PUSH);
        browse.setText(text("browse"));
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(parent.getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.pdf", "*" });
            String f = d.open();
            if (f != null) {
                file.setText(f);
                verify();
            }
        });
        Button check = new Button(parent, SWT.PUSH);
        check.setText(text("verify"));
        check.setData(ID_KEY, "verify.run");
        check.addListener(SWT.Selection, e -> verify());
        file.addListener(SWT.DefaultSelection, e -> verify());
        result = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        result.setData(ID_KEY, "verify.result");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).applyTo(result);
    }

    void verify() {
        Path pdf = Path.of(file.getText().strip());
        if (!Files.isRegularFile(pdf)) {
            result.setText(text("noFile", pdf));
            return;
        }
        try {
            TrustStore trust = TrustStore.shipped();
            Path local = cache.dataDir().resolve("trust");
            if (Files.isDirectory(local)) {
                trust = trust.plus(TrustStore.fromFolder(local));
            }
            // Online unless an admin turned it off (signing settings): revocation asked now within bounds, and "could not
            // be checked" said when it was not; the answers embedded in the file count either way.
            List<SignatureReport> reports = new PdfVerifier(trust, vn.motcua.sign.trust.OnlineRevocation.checker(cache.dataDir()), locale).verify(pdf);
            if (reports.isEmpty()) {
                result.setText(text("none", pdf.getFileName()));
                return;
            }
            StringBuilder b = new StringBuilder(text("count", pdf.getFileName(), reports.size())).append("\n\n");
            for (int i = 0; i < reports.size(); i++) {
                b.append(i + 1).append(". ").append(reports.get(i).text(locale)).append('\n');
            }
            result.setText(b.toString());
        } catch (IOException | RuntimeException e) {
            result.setText(text("unreadable", pdf.getFileName(), String.valueOf(e.getMessage())));
        }
    }
}
