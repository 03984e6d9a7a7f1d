package vn.motcua.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;

import vn.motcua.app.DataFolder;

/**
 * The real MộtCửa workbench running in the test JVM: started like the product (same Application.e4xmi,
 * life cycle, fragments, theme) on its own UI thread, on a fresh data folder. Tests reach widgets by their
 * {@code motcua.id} and drive them with real SWT events. No SWTBot: it is not on Maven Central.
 */
public final class Workbench implements AutoCloseable {
    /** Key under which screens store a stable widget id (see DossierListPart.ID_KEY). */
    public static final String ID_KEY = "motcua.id";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How many times its stated timeout a {@link #waitUntil} may take (see there). */
    private static final int WAIT_SLACK = 3;

    private final Thread uiThread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Path dataDir;
    private volatile Display display;

    /** The demo account the tests work as unless they log in through the dialog. */
    public static final String DEMO_USER = "demo";

    private Workbench(Path dataDir, String autoLoginUser, String... args) {
        this.dataDir = dataDir;
        System.setProperty(DataFolder.PROPERTY, dataDir.toString());
        // Demo caches let a named user in without the login dialog (see LifeCycle.AUTO_LOGIN_USER).
        if (autoLoginUser == null) {
            System.clearProperty("motcua.user");
        } else {
            System.setProperty("motcua.user", autoLoginUser);
        }
        uiThread = new Thread(() -> {
            try {
                new E4Application().start(new ProductContext("vn.motcua.app.product", args));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "motcua-ui");
        uiThread.setDaemon(true);
    }

    /** Starts the workbench on a new data folder and waits until its main window is showing. */
    public static Workbench start(String... args) throws IOException {
        Workbench w = launch(Files.createTempDirectory("motcua-ui-test"), args);
        w.awaitWindow();
        return w;
    }

    /**
     * Starts the workbench on {@code dataDir} without waiting for the main window, for tests of what
     * happens before it (dialogs about the cache); follow with {@link #awaitShell} / {@link #awaitWindow}.
     */
    public static Workbench launch(Path dataDir, String... args) {
        return launchAs(DEMO_USER, dataDir, args);
    }

    /**
     * Starts the workbench on {@code dataDir} logged in as the demo account {@code username}, or showing the
     * login dialog when {@code username} is null; does not wait for the main window.
     */
    public static Workbench launchAs(String username, Path dataDir, String... args) {
        Workbench w = new Workbench(dataDir, username, args);
        w.uiThread.start();
        return w;
    }

    /** Waits for a visible shell (a dialog) whose title contains {@code title}. */
    public Shell awaitShell(String title) {
        return awaitUi("a window titled '" + title + "'", () -> {
            for (Shell s : display.getShells()) {
                if (s.isVisible() && s.getText().contains(title)) {
                    return s;
                }
            }
            return null;
        });
    }

    /**
     * Polls {@code probe} on the UI thread until it returns non-null, from the moment the workbench's display
     * exists; fails early when the workbench itself failed to start.
     */
    private <T> T awaitUi(String what, Callable<T> probe) {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (failure.get() != null) {
                throw new AssertionError("The workbench failed to start", failure.get());
            }
            Display d = Display.findDisplay(uiThread);
            if (d != null && !d.isDisposed()) {
                display = d;
                T found = call(probe);
                if (found != null) {
                    return found;
                }
            }
            sleep(100);
        }
        throw new AssertionError("Timed out after " + START_TIMEOUT.toSeconds() + " s waiting for " + what);
    }

    /** Presses the push button labelled {@code label} in {@code shell}, as a click would. */
    public void press(Shell shell, String label) {
        run(() -> {
            org.eclipse.swt.widgets.Button b = button(shell, label);
            if (b == null) {
                throw new AssertionError("No button '" + label + "' in '" + shell.getText() + "'");
            }
            b.notifyListeners(SWT.Selection, new Event());
        });
    }

    private static org.eclipse.swt.widgets.Button button(Control c, String label) {
        if (c instanceof org.eclipse.swt.widgets.Button b && label.equals(b.getText().replace("&", ""))) {
            return b;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                org.eclipse.swt.widgets.Button b = button(child, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    /**
     * The main menu's labels along {@code path} as the user reads them (mnemonic marks and key texts left out), e.g.
     * {@code menuLabels()} for the menu bar, {@code menuLabels("Quản trị")} for that menu's items; each submenu is
     * shown first, as opening it would.
     */
    public List<String> menuLabels(String... path) {
        return call(() -> {
            org.eclipse.swt.widgets.Menu menu = menuAt(path);
            List<String> labels = new java.util.ArrayList<>();
            for (org.eclipse.swt.widgets.MenuItem item : menu.getItems()) {
                if ((item.getStyle() & SWT.SEPARATOR) == 0) {
                    labels.add(plain(item.getText()));
                }
            }
            return labels;
        });
    }

    /** The main menu's item at {@code path} (its menus, then the item), its text as shown (with mnemonic and key). */
    public org.eclipse.swt.widgets.MenuItem menuItem(String... path) {
        return call(() -> {
            org.eclipse.swt.widgets.Menu menu = menuAt(java.util.Arrays.copyOf(path, path.length - 1));
            for (org.eclipse.swt.widgets.MenuItem item : menu.getItems()) {
                if (plain(item.getText()).equals(path[path.length - 1])) {
                    return item;
                }
            }
            throw new AssertionError("No menu item " + String.join(" › ", path));
        });
    }

    /** Chooses the main menu's item at {@code path}, as a click would; returns at once (a dialog it opens stays open). */
    public void chooseMenu(String... path) {
        org.eclipse.swt.widgets.MenuItem item = menuItem(path);
        run(() -> {
            if (!item.isEnabled()) {
                throw new AssertionError("Menu item " + String.join(" › ", path) + " is disabled");
            }
            item.getDisplay().asyncExec(() -> item.notifyListeners(SWT.Selection, new Event()));
        });
    }

    private org.eclipse.swt.widgets.Menu menuAt(String... path) {
        org.eclipse.swt.widgets.Menu menu = mainShell().orElseThrow().getMenuBar();
        if (menu == null) {
            throw new AssertionError("The main window has no menu bar");
        }
        for (String label : path) {
            org.eclipse.swt.widgets.Menu sub = null;
            for (org.eclipse.swt.widgets.MenuItem item : menu.getItems()) {
                if (item.getMenu() != null && plain(item.getText()).equals(label)) {
                    sub = item.getMenu();
                }
            }
            if (sub == null) {
                throw new AssertionError("No menu '" + label + "' in " + menuTexts(menu));
            }
            // Opening a menu is when the workbench fills it and decides which items are enabled.
            sub.notifyListeners(SWT.Show, new Event());
            menu = sub;
        }
        return menu;
    }

    private static List<String> menuTexts(org.eclipse.swt.widgets.Menu menu) {
        return java.util.Arrays.stream(menu.getItems()).map(i -> plain(i.getText())).toList();
    }

    /** A menu text without its mnemonic mark and its key text. */
    static String plain(String text) {
        int tab = text.indexOf('\t');
        return (tab < 0 ? text : text.substring(0, tab)).replace("&", "");
    }

    /** Puts the pointer over the main window: with no window manager, keys go to the window under the pointer. */
    public void pointAtMainWindow() {
        run(() -> {
            org.eclipse.swt.graphics.Rectangle r = mainShell().orElseThrow().getBounds();
            Event move = new Event();
            move.type = SWT.MouseMove;
            move.x = r.x + r.width / 2;
            move.y = r.y + r.height / 2;
            display.post(move);
        });
    }

    /**
     * Presses and releases a key as the user would, through the X server (Display.post, XTest under Xvfb), with
     * {@code modifier} held (0 for none), then lets the UI settle.
     */
    public void pressKey(int modifier, int keyCode, char character) {
        run(() -> {
            if (modifier != 0) {
                postKey(SWT.KeyDown, modifier, '\0');
            }
            postKey(SWT.KeyDown, keyCode, character);
            postKey(SWT.KeyUp, keyCode, character);
            if (modifier != 0) {
                postKey(SWT.KeyUp, modifier, '\0');
            }
        });
        settle();
    }

    /** Types {@code text} key by key through the X server. */
    public void typeKeys(String text) {
        for (char c : text.toCharArray()) {
            pressKey(0, c, c);
        }
    }

    private void postKey(int type, int keyCode, char character) {
        Event e = new Event();
        e.type = type;
        e.keyCode = keyCode;
        e.character = character;
        display.post(e);
    }

    /** Saves the whole screen (dialogs included) as PNG under {@code target/screenshots/}. */
    public Path screenshotScreen(String name) throws IOException {
        return save(name, () -> display.getBounds());
    }

    /** Waits until the main workbench window is showing. */
    public void awaitWindow() {
        awaitUi("the workbench window", () -> mainShell().orElse(null));
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The running product's OSGi service of {@code type} (e.g. its {@code LocalCache}), to check what a screen stored. */
    public <T> T service(Class<T> type) {
        org.osgi.framework.Bundle self = org.osgi.framework.FrameworkUtil.getBundle(Workbench.class);
        try {
            // This helper bundle is only resolved until something starts it; a started bundle has a context.
            self.start(org.osgi.framework.Bundle.START_TRANSIENT);
        } catch (org.osgi.framework.BundleException e) {
            throw new AssertionError("cannot start " + self.getSymbolicName() + ": " + e.getMessage(), e);
        }
        org.osgi.framework.BundleContext bc = self.getBundleContext();
        org.osgi.framework.ServiceReference<T> ref = bc.getServiceReference(type);
        if (ref == null) {
            throw new AssertionError("the product has no " + type.getName() + " service");
        }
        return bc.getService(ref);
    }

    public Display display() {
        return display;
    }

    /** Runs {@code work} on the UI thread and returns its result. */
    public <T> T call(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw new AssertionError(error.get().getMessage(), error.get());
        }
        return result.get();
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** The visible workbench window (the model's main window), if any. */
    public Optional<Shell> mainShell() {
        for (Shell s : display.getShells()) {
            if (s.isVisible() && s.getData("modelElement") instanceof MWindow) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Brings a part (a screen tab) to the front, as clicking its tab would. */
    public void showPart(String partId) {
        run(() -> {
            MWindow w = (MWindow) mainShell().orElseThrow().getData("modelElement");
            org.eclipse.e4.ui.workbench.modeling.EPartService parts = w.getContext()
                    .get(org.eclipse.e4.ui.workbench.modeling.EPartService.class);
            parts.showPart(partId, org.eclipse.e4.ui.workbench.modeling.EPartService.PartState.ACTIVATE);
        });
        settle();
    }

    /** Every part (screen) of the main window, by id, with its icon URI ({@code null} for none), in model order. */
    public java.util.Map<String, String> partIcons() {
        return call(() -> {
            MWindow w = (MWindow) mainShell().orElseThrow().getData("modelElement");
            org.eclipse.e4.ui.workbench.modeling.EModelService models = w.getContext().get(org.eclipse.e4.ui.workbench.modeling.EModelService.class);
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            for (org.eclipse.e4.ui.model.application.ui.basic.MPart p : models.findElements(w, null,
                    org.eclipse.e4.ui.model.application.ui.basic.MPart.class)) {
                out.put(p.getElementId(), p.getIconURI());
            }
            return out;
        });
    }

    /**
     * What is wrong with the part icons of this runtime (empty when nothing): each part needs a 16 px icon and its
     * 32 px {@code @2x} twin, which JFace loads on a 200 % screen (without it SWT blows the 16 px image up).
     */
    public List<String> partIconProblems() {
        List<String> problems = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> part : partIcons().entrySet()) {
            String uri = part.getValue();
            if (uri == null || !uri.endsWith("-16.png")) {
                problems.add(part.getKey() + ": no 16 px icon (" + uri + ")");
                continue;
            }
            try {
                org.eclipse.jface.resource.ImageDescriptor icon = org.eclipse.jface.resource.ImageDescriptor.createFromURL(new java.net.URI(uri).toURL());
                org.eclipse.swt.graphics.ImageData normal = icon.getImageData(100);
                org.eclipse.swt.graphics.ImageData hiDpi = icon.getImageData(200);
                if (normal == null || normal.width != 16 || normal.height != 16) {
                    problems.add(part.getKey() + ": " + uri + " is not a 16 x 16 image");
                }
                if (hiDpi == null || hiDpi.width != 32 || hiDpi.height != 32) {
                    problems.add(part.getKey() + ": no 32 x 32 " + uri.replace("-16.png", "-16@2x.png"));
                }
            } catch (java.net.URISyntaxException | java.net.MalformedURLException e) {
                problems.add(part.getKey() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Finds a widget by its {@code motcua.id} anywhere in the visible shells; call on any thread. */
    public <W extends Widget> W find(String id, Class<W> type) {
        W w = call(() -> {
            for (Shell s : display.getShells()) {
                Widget found = find(s, id);
                if (found != null) {
                    return type.cast(found);
                }
            }
            return null;
        });
        if (w == null) {
            throw new AssertionError("No widget with id '" + id + "'");
        }
        return w;
    }

    private static Widget find(Control c, String id) {
        if (id.equals(c.getData(ID_KEY)) && c.isVisible()) {
            return c;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Widget w = find(child, id);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    /** The NatTable grid with {@code motcua.id} {@code id}, to read and use as a user would. */
    public Grid grid(String id) {
        return new Grid(this, find(id, org.eclipse.nebula.widgets.nattable.NatTable.class));
    }

    /** Types text into a field as a user would: focus, then one key event per character. */
    public void type(Text field, String text) {
        run(() -> field.setFocus());
        for (char ch : text.toCharArray()) {
            run(() -> {
                Event e = new Event();
                e.character = ch;
                e.keyCode = ch;
                field.notifyListeners(SWT.KeyDown, e);
                if (e.doit) {
                    field.insert(String.valueOf(ch)); // GTK does not insert from synthetic key events
                }
                field.notifyListeners(SWT.KeyUp, e);
            });
        }
        settle();
    }

    /** Selects a table row and fires the selection a mouse click would. */
    public void selectRow(Table table, int row) {
        run(() -> {
            table.setFocus();
            table.setSelection(row);
            Event e = new Event();
            e.item = table.getItem(row);
            table.notifyListeners(SWT.Selection, e);
        });
        settle();
    }

    /** Presses Enter on a table row (opens it, like a double-click). */
    public void openRow(Table table, int row) {
        selectRow(table, row);
        run(() -> {
            Event e = new Event();
            e.item = table.getItem(row);
            table.notifyListeners(SWT.DefaultSelection, e);
        });
        settle();
    }

    /**
     * Waits until {@code condition} (evaluated on the UI thread) holds. The time allowed is {@code timeout} times
     * {@link #WAIT_SLACK}: a wait ends as soon as the condition holds, so the slack costs nothing when things work and
     * keeps a loaded 2-core CI machine from failing a test that is only slow.
     */
    public void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.multipliedBy(WAIT_SLACK).toNanos();
        while (System.nanoTime() < end) {
            if (call(condition::getAsBoolean)) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("Timed out waiting for: " + what + " (" + timeout.multipliedBy(WAIT_SLACK).toSeconds() + " s)");
    }

    /** Lets pending UI events run (layout, paints, async runnables). */
    public void settle() {
        for (int i = 0; i < 3; i++) {
            run(() -> {
                while (display.readAndDispatch()) {
                    // drain
                }
            });
        }
    }

    /** Saves the main window as PNG under {@code target/screenshots/}, for a person to look at. */
    public Path screenshot(String name) throws IOException {
        return save(name, () -> mainShell().orElseThrow().getBounds());
    }

    private Path save(String name, java.util.function.Supplier<Rectangle> area) throws IOException {
        settle();
        // GTK paints a just-changed widget (a switched tab) on a later frame: give it one before copying.
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settle();
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png").toAbsolutePath();
        ImageData data = call(() -> {
            Rectangle b = area.get();
            Image image = new Image(display, b.width, b.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, b.x, b.y);
            } finally {
                gc.dispose();
            }
            try {
                return image.getImageData();
            } finally {
                image.dispose();
            }
        });
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { data };
        loader.save(file.toString(), SWT.IMAGE_PNG);
        return file;
    }

    /** All texts of a table's visible rows, for assertions. */
    public List<String> rowTexts(Table table, int column, int maxRows) {
        return call(() -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.min(maxRows, table.getItemCount()); i++) {
                out.add(table.getItem(i).getText(column));
            }
            return out;
        });
    }

    /** Closes the workbench the way File › Exit would, and waits for the UI thread to end. */
    @Override
    public void close() throws InterruptedException {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> mainShell().map(s -> (MWindow) s.getData("modelElement"))
                    .map(w -> w.getContext().get(IWorkbench.class)).ifPresent(IWorkbench::close));
        }
        uiThread.join(Duration.ofSeconds(30).toMillis());
        System.clearProperty(DataFolder.PROPERTY);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
