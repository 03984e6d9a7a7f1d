package vn.motcua.ui.approval;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Hệ thống › Thiết lập ký số: opens the approval screen's signing set-up (the screen re-reads it after OK). */
public class SigningSettingsHandler {
    static final String PART = "vn.motcua.ui.approval.part.inbox";

    @CanExecute
    boolean canExecute(EPartService parts) {
        MPart part = parts.findPart(PART);
        return part != null && part.isToBeRendered();
    }

    @Execute
    void execute(EPartService parts) {
        MPart part = parts.showPart(PART, PartState.ACTIVATE);
        if (part != null && part.getObject() instanceof ApprovalPart approval) {
            approval.settings();
        }
    }
}
