package vn.motcua.app.commands;

import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

/**
 * A screen's own handler for one of the workbench's commands (save, print, find, refresh): active while the screen
 * is, so Ctrl+S on the counter receives and Ctrl+F on the list goes to its search box.
 */
public final class ScreenHandler {
    private final Runnable action;
    private final BooleanSupplier enabled;

    private ScreenHandler(Runnable action, BooleanSupplier enabled) {
        this.action = action;
        this.enabled = enabled;
    }

    /** Activates {@code action} for {@code commandId} in the screen's context (the handler service given to the screen). */
    public static void activate(EHandlerService handlers, String commandId, Runnable action, BooleanSupplier enabled) {
        handlers.activateHandler(commandId, new ScreenHandler(action, enabled));
    }

    public static void activate(EHandlerService handlers, String commandId, Runnable action) {
        activate(handlers, commandId, action, () -> true);
    }

    @CanExecute
    boolean canExecute() {
        return enabled.getAsBoolean();
    }

    @Execute
    void execute() {
        action.run();
    }
}
