package vn.motcua.app.commands;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** Hệ thống › Thoát (Ctrl+Q): the normal close, which leaves the cache clean (LifeCycle). */
public class ExitHandler {
    @Execute
    void execute(IWorkbench workbench) {
        workbench.close();
    }
}
