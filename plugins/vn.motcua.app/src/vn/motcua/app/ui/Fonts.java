package vn.motcua.app.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Control;

/** Fonts derived from the platform's own (so HiDPI and user settings carry over), freed with their control. */
public final class Fonts {
    private Fonts() {
    }

    /** Makes {@code control}'s font bold and {@code scale} times larger, e.g. 1.25 for a screen title. */
    public static void bold(Control control, float scale) {
        FontData fd = control.getFont().getFontData()[0];
        Font font = new Font(control.getDisplay(), fd.getName(), Math.round(fd.getHeight() * scale), SWT.BOLD);
        control.setFont(font);
        control.addDisposeListener(e -> font.dispose());
    }
}
