package vn.motcua.app.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MCommandsFactory;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;
import org.eclipse.e4.ui.model.application.commands.MParameter;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuFactory;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

import vn.motcua.core.model.Role;
import vn.motcua.core.session.UserSession;

/**
 * Shapes the application model for the user who logged in, before the window is drawn: screens, menus and menu
 * items tagged {@code role:X} are left out for users without role X; the "Màn hình" menu lists the screens left,
 * in their order, each with its key ({@code key:F2} on the screen) bound in the window.
 */
public final class WorkbenchModel {
    private WorkbenchModel() {
    }

    /** True when the element carries no role tag, or the user holds one of the roles it names. */
    public static boolean allowed(MUIElement element, UserSession session) {
        List<String> roles = element.getTags().stream().filter(t -> t.startsWith(AppCommands.ROLE_TAG))
                .map(t -> t.substring(AppCommands.ROLE_TAG.length())).toList();
        return roles.isEmpty() || session != null && roles.stream().anyMatch(r -> session.hasRole(Role.valueOf(r)));
    }

    /** Leaves out the screens and menu entries the user's roles do not open. */
    public static void filterByRole(MApplication app, EModelService models, UserSession session) {
        for (MPart part : models.findElements(app, null, MPart.class, null)) {
            if (!allowed(part, session)) {
                part.setToBeRendered(false);
            }
        }
        for (MMenuElement item : models.findElements(app, null, MMenuElement.class, null, EModelService.IN_MAIN_MENU)) {
            if (!allowed(item, session)) {
                item.setToBeRendered(false);
                item.setVisible(false);
            }
        }
    }

    /**
     * Fills the screens menu with one item per screen that will be shown (in the order of the main stack), and binds
     * each screen's key. {@code label} gives a screen's label in the UI language.
     */
    public static void addScreens(MApplication app, EModelService models, Predicate<MPart> shown, java.util.function.Function<MPart, String> label) {
        MCommand show = command(app, AppCommands.SHOW_SCREEN);
        List<MMenu> menus = models.findElements(app, AppCommands.SCREENS_MENU, MMenu.class, null, EModelService.IN_MAIN_MENU);
        MBindingTable window = app.getBindingTables().stream()
                .filter(t -> t.getBindingContext() != null && "org.eclipse.ui.contexts.window".equals(t.getBindingContext().getElementId()))
                .findFirst().orElse(null);
        if (show == null || menus.isEmpty()) {
            return;
        }
        MMenu menu = menus.get(0);
        List<String> mnemonics = new ArrayList<>();
        for (MPart part : models.findElements(app, null, MPart.class, null)) {
            if (!shown.test(part)) {
                continue;
            }
            String key = part.getTags().stream().filter(t -> t.startsWith(AppCommands.KEY_TAG)).map(t -> t.substring(AppCommands.KEY_TAG.length()))
                    .findFirst().orElse(null);
            MHandledMenuItem item = MMenuFactory.INSTANCE.createHandledMenuItem();
            item.setElementId(AppCommands.SCREENS_MENU + "." + part.getElementId());
            item.setLabel(withMnemonic(label.apply(part), mnemonics));
            item.setIconURI(part.getIconURI());
            item.setCommand(show);
            item.getParameters().add(parameter(part.getElementId()));
            menu.getChildren().add(item);
            if (key != null && window != null) {
                MKeyBinding binding = MCommandsFactory.INSTANCE.createKeyBinding();
                binding.setElementId("vn.motcua.app.key.screen." + part.getElementId());
                binding.setKeySequence(key);
                binding.setCommand(show);
                binding.getParameters().add(parameter(part.getElementId()));
                window.getBindings().add(binding);
            }
        }
    }

    private static MParameter parameter(String partId) {
        MParameter p = MCommandsFactory.INSTANCE.createParameter();
        p.setName(AppCommands.SHOW_SCREEN_PART);
        p.setValue(partId);
        return p;
    }

    private static MCommand command(MApplication app, String id) {
        return app.getCommands().stream().filter(c -> id.equals(c.getElementId())).findFirst().orElse(null);
    }

    /**
     * The label with a mnemonic (Alt + letter) on the first letter of a word not yet taken in the menu, else on any
     * letter not yet taken; only letters without diacritics, which Alt + the plain key reaches on every keyboard.
     */
    static String withMnemonic(String label, List<String> taken) {
        if (label.contains("&")) {
            return label;
        }
        int at = -1;
        for (int pass = 0; pass < 2 && at < 0; pass++) {
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean wordStart = i == 0 || label.charAt(i - 1) == ' ';
                String base = String.valueOf(Character.toLowerCase(c));
                if (c < 128 && Character.isLetterOrDigit(c) && (pass == 1 || wordStart) && !taken.contains(base)) {
                    at = i;
                    taken.add(base);
                    break;
                }
            }
        }
        return at < 0 ? label : label.substring(0, at) + "&" + label.substring(at);
    }
}
