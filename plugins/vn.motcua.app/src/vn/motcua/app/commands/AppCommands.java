package vn.motcua.app.commands;

/**
 * The workbench's commands (Application.e4xmi). A screen that can save, print, find or refresh activates its own
 * handler for these while it is active; the menu and the keys (Ctrl+S, Ctrl+P, Ctrl+F, F5) then reach it.
 */
public final class AppCommands {
    public static final String SAVE = "vn.motcua.command.save";
    public static final String PRINT = "vn.motcua.command.print";
    public static final String FIND = "vn.motcua.command.find";
    public static final String REFRESH = "vn.motcua.command.refresh";
    public static final String SHOW_SCREEN = "vn.motcua.command.showScreen";
    /** The screen (part id) {@link #SHOW_SCREEN} opens. */
    public static final String SHOW_SCREEN_PART = "vn.motcua.command.showScreen.part";
    public static final String SERVER_SETTINGS = "vn.motcua.command.serverSettings";
    public static final String SIGNING_SETTINGS = "vn.motcua.command.signingSettings";

    /** The main menu's "Màn hình" menu, filled with the screens the user may open. */
    public static final String SCREENS_MENU = "vn.motcua.app.menu.screens";
    /**
     * Tag of a screen (part) naming the key that opens it, e.g. {@code key:F2}: the counter's clerk moves between
     * screens without the mouse.
     */
    public static final String KEY_TAG = "key:";
    /** Tag of a screen, menu or menu item for users holding that role, e.g. {@code role:ADMIN}. */
    public static final String ROLE_TAG = "role:";

    private AppCommands() {
    }
}
