package vn.motcua.app.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.bindings.EBindingService;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.bindings.Binding;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;
import vn.motcua.app.ui.KeysDialog;

/** Trợ giúp › Phím tắt (F1): every key the workbench answers now, with what it does. */
public class KeysHandler {
    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, EBindingService bindings, EPartService parts,
            @Optional @Named(TranslationService.LOCALE) Locale locale) {
        List<String[]> rows = new ArrayList<>();
        for (Binding b : bindings.getActiveBindings()) {
            ParameterizedCommand pc = b.getParameterizedCommand();
            if (pc == null) {
                continue;
            }
            rows.add(new String[] { b.getTriggerSequence().format(), describe(pc, parts) });
        }
        rows.sort(Comparator.comparing((String[] r) -> r[0].length()).thenComparing(r -> r[0]));
        new KeysDialog(shell, rows, locale).open();
    }

    /** The command's name; for a screen, the screen's own label. */
    static String describe(ParameterizedCommand pc, EPartService parts) {
        try {
            if (AppCommands.SHOW_SCREEN.equals(pc.getId())) {
                Object partId = pc.getParameterMap().get(AppCommands.SHOW_SCREEN_PART);
                MPart part = partId == null ? null : parts.findPart(partId.toString());
                String name = pc.getCommand().getName();
                return part == null ? name : name + ": " + part.getLocalizedLabel();
            }
            return pc.getCommand().getName();
        } catch (NotDefinedException e) {
            return pc.getId();
        }
    }
}
