package vn.motcua.app.training;

import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.AppMessages;
import vn.motcua.app.ui.Fonts;

/** The band across the top of the window in training mode: nobody can mistake training for real work. */
public class TrainingBanner {
    /** Widget id for the UI test harness. */
    public static final String ID = "training.banner";

    @Inject
    @Optional
    @Named(TranslationService.LOCALE)
    Locale locale;

    @PostConstruct
    void create(Composite parent) {
        Composite band = new Composite(parent, SWT.NONE);
        Color orange = new Color(0xE6, 0x5C, 0x00);
        band.setBackground(orange);
        GridLayoutFactory.fillDefaults().margins(12, 4).applyTo(band);
        Label text = new Label(band, SWT.CENTER);
        text.setData("motcua.id", ID);
        text.setText(AppMessages.get(locale, "training.banner"));
        text.setBackground(orange);
        text.setForeground(band.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        Fonts.bold(text, 1.15f);
        GridDataFactory.fillDefaults().grab(true, false).hint(1400, SWT.DEFAULT).applyTo(text);
    }
}
