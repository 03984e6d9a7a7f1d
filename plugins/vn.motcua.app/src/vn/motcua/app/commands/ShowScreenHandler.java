package vn.motcua.app.commands;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import jakarta.inject.Named;

/** Brings a screen to the front and gives it the keyboard (the screen's own focus method decides where). */
public class ShowScreenHandler {
    @CanExecute
    boolean canExecute(EPartService parts, @Optional @Named(AppCommands.SHOW_SCREEN_PART) String partId) {
        MPart part = partId == null ? null : parts.findPart(partId);
        return part != null && part.isToBeRendered();
    }

    @Execute
    void execute(EPartService parts, @Named(AppCommands.SHOW_SCREEN_PART) String partId) {
        parts.showPart(partId, PartState.ACTIVATE);
    }
}
