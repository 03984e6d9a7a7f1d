package vn.motcua.ui.dossiers;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import org.eclipse.e4.core.commands.EHandlerService;
import vn.motcua.app.commands.AppCommands;
import vn.motcua.app.commands.ScreenHandler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.ui.Fonts;
import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierRow;
import vn.motcua.store.LocalCache;

/**
 * The dossier list: search as you type (ignoring diacritics), filter by status and deadline, a grid that reads
 * only the rows on screen (a million scroll as ten), ordered by a header click, and the selected dossier's details
 * below.
 */
public class DossierListPart {
    /** Widget ids for tests and accessibility tools. */
    public static final String ID_KEY = "motcua.id";
    static final int PAGE = 100;
    /** A dossier due within this time is flagged "due soon". */
    static final Duration DUE_SOON = vn.motcua.app.ui.DeadlineColours.DUE_SOON;

    private final LocalCache cache;
    private final UiText text;
    private DossierTable table;
    private Text search;
    private Combo statusFilter;
    private Combo deadlineFilter;
    private Label count;
    private org.eclipse.swt.widgets.Button mine;
    /** Only dossiers still being dealt with (no final status): with "mine", a specialist's to-do queue. */
    private org.eclipse.swt.widgets.Button open;
    private Combo views;
    private SavedViews savedViews;
    private DossierDetailsView details;
    /** The filter last asked for (export and the ledger use it). */
    private DossierFilter filter = DossierFilter.all();
    /** The filter of the rows on screen: pages are read with it, even while a newer search runs. */
    private DossierFilter shownFilter = DossierFilter.all();
    /** Pages of rows read, the most recently used kept: scrolling a million rows must not keep them all. */
    private final Map<Integer, List<DossierRow>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<DossierRow>> eldest) {
            return size() > PAGES_KEPT;
        }
    };
    static final int PAGES_KEPT = 50;
    /** Pages being read off the UI thread (asked for once, however many of their cells are painted meanwhile). */
    private final Set<Integer> pagesLoading = new java.util.HashSet<>();
    /**
     * Count and first page of a new filter run on this thread, newest request first: a name search over a big cache
     * can take a second, and the UI thread waits for it at most {@link #WAIT_ON_UI}, then shows the result when it
     * comes. A search typed over by a newer one is skipped rather than run.
     */
    private final ExecutorService queries = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dossier-list-query");
        t.setDaemon(true);
        return t;
    });
    /** Long enough that a normal cache answers at once (no flicker, no "searching"), short enough not to feel stuck. */
    static final long WAIT_ON_UI = 100;
    private long waitOnUi = WAIT_ON_UI;
    private final AtomicLong filterGeneration = new AtomicLong();
    /** The row SWT asked for last (where the view is), read by queued page reads to skip pages scrolled past. */
    private volatile int lastAsked;
    /** The generation of the list on screen: a page read for an older list is dropped when it comes. */
    private long shownGeneration;
    /** A dossier to select again when the list being computed is shown (after a command). */
    private String reselect;
    /** Grid data key: true while a newer filter's rows are being computed (tests and the UI benchmark wait on it). */
    public static final String PENDING_KEY = "dossiers.pending";
    private final List<DossierStatus> statusChoices = Arrays.stream(DossierStatus.values())
            .filter(s -> s != DossierStatus.DRAFT).toList();

    private final vn.motcua.core.session.UserSession session;

    private final vn.motcua.desk.DossierCommands commands;
    private final vn.motcua.desk.DossierForms forms;

    @Inject
    public DossierListPart(LocalCache cache, vn.motcua.desk.DossierCommands commands, vn.motcua.desk.DossierForms forms,
            @Named(TranslationService.LOCALE) Locale locale, vn.motcua.core.session.UserSession session) {
        this.commands = commands;
        this.forms = forms;
        this.cache = cache;
        this.text = new UiText(locale);
        this.session = session;
    }

    @PostConstruct
    void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(8, 8).spacing(6, 6).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(7).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        // Second row: saved views on the left, exports on the right.
        Composite bar2 = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).spacing(8, 0).applyTo(bar2);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar2);

        Label title = new Label(bar, SWT.NONE);
        title.setText(text.get("title"));
        Fonts.bold(title, 1.25f);

        search = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage(text.get("search.hint"));
        search.setData(ID_KEY, "dossiers.search");
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(search);
        search.addModifyListener(e -> applyFilter());
        search.addListener(SWT.DefaultSelection, e -> table.focus());
        search.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN) {
                table.focus();
            }
        });

        statusFilter = new Combo(bar, SWT.READ_ONLY);
        statusFilter.setData(ID_KEY, "dossiers.status");
        statusFilter.add(text.get("filter.allStatuses"));
        statusChoices.forEach(s -> statusFilter.add(s.displayName(text.locale())));
        statusFilter.select(0);
        statusFilter.addListener(SWT.Selection, e -> applyFilter());

        deadlineFilter = new Combo(bar, SWT.READ_ONLY);
        deadlineFilter.setData(ID_KEY, "dossiers.deadline");
        deadlineFilter.add(text.get("filter.allDeadlines"));
        for (DeadlineClass c : DeadlineClass.values()) {
            deadlineFilter.add(c.displayName(text.locale()));
        }
        deadlineFilter.select(0);
        deadlineFilter.addListener(SWT.Selection, e -> applyFilter());

        mine = new org.eclipse.swt.widgets.Button(bar, SWT.CHECK);
        mine.setText(text.get("filter.mine"));
        mine.setToolTipText(text.get("filter.mine.tooltip"));
        mine.setData(ID_KEY, "dossiers.mine");
        mine.addListener(SWT.Selection, e -> applyFilter());
        open = new org.eclipse.swt.widgets.Button(bar, SWT.CHECK);
        open.setText(text.get("filter.open"));
        open.setToolTipText(text.get("filter.open.tooltip"));
        open.setData(ID_KEY, "dossiers.open");
        open.addListener(SWT.Selection, e -> applyFilter());

        views = new Combo(bar2, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().hint(240, SWT.DEFAULT).applyTo(views);
        views.setData(ID_KEY, "dossiers.views");
        views.setToolTipText(text.get("views.tooltip"));
        views.addListener(SWT.Selection, e -> applyView(views.getSelectionIndex() - 1));
        org.eclipse.swt.widgets.Button saveView = new org.eclipse.swt.widgets.Button(bar2, SWT.PUSH);
        saveView.setText(text.get("views.save"));
        saveView.setData(ID_KEY, "dossiers.views.save");
        saveView.addListener(SWT.Selection, e -> {
            org.eclipse.jface.dialogs.InputDialog d = new org.eclipse.jface.dialogs.InputDialog(bar.getShell(), text.get("views.save.title"),
                    text.get("views.save.prompt"), views.getSelectionIndex() > 0 ? views.getText() : "",
                    v -> v == null || v.isBlank() ? text.get("views.save.empty") : null);
            if (d.open() == org.eclipse.jface.window.Window.OK) {
                saveView(d.getValue().strip());
            }
        });
        org.eclipse.swt.widgets.Button deleteView = new org.eclipse.swt.widgets.Button(bar2, SWT.PUSH);
        deleteView.setText(text.get("views.delete"));
        deleteView.setData(ID_KEY, "dossiers.views.delete");
        deleteView.addListener(SWT.Selection, e -> {
            if (views.getSelectionIndex() > 0) {
                deleteView(views.getText());
            }
        });
        savedViews = new SavedViews(cache.dataDir(), session.user().username());
        loadViews(null);

        count = new Label(bar, SWT.RIGHT);
        count.setData(ID_KEY, "dossiers.count");
        GridDataFactory.fillDefaults().hint(260, SWT.DEFAULT).applyTo(count);

        Label gap = new Label(bar2, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(gap);
        org.eclipse.swt.widgets.Button export = new org.eclipse.swt.widgets.Button(bar2, SWT.PUSH);
        export.setText(text.get("export.button"));
        export.setToolTipText(text.get("export.tooltip"));
        export.setData(ID_KEY, "dossiers.export");
        export.setData(PART_KEY, this); // the UI test calls exportTo: it cannot drive the native file dialog
        export.addListener(SWT.Selection, e -> {
            org.eclipse.swt.widgets.FileDialog d = new org.eclipse.swt.widgets.FileDialog(bar.getShell(), SWT.SAVE);
            d.setOverwrite(true);
            d.setFilterExtensions(new String[] { "*.xlsx" });
            d.setFileName("ho-so-" + java.time.LocalDate.now(VIETNAM).format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy")) + ".xlsx");
            String target = d.open();
            if (target != null) {
                exportTo(java.nio.file.Path.of(target));
            }
        });

        org.eclipse.swt.widgets.Button ledger = new org.eclipse.swt.widgets.Button(bar2, SWT.PUSH);
        ledger.setText(text.get("ledger.button"));
        ledger.setToolTipText(text.get("ledger.tooltip"));
        ledger.setData(ID_KEY, "dossiers.ledger");
        ledger.addListener(SWT.Selection, e -> {
            org.eclipse.swt.widgets.FileDialog d = new org.eclipse.swt.widgets.FileDialog(bar.getShell(), SWT.SAVE);
            d.setOverwrite(true);
            d.setFilterExtensions(new String[] { "*.pdf" });
            d.setFileName("so-theo-doi-ho-so-" + java.time.LocalDate.now(VIETNAM).format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy")) + ".pdf");
            String target = d.open();
            if (target != null) {
                ledgerTo(java.nio.file.Path.of(target));
            }
        });

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        createTable(sash);
        details = new DossierDetailsView(sash, text, cache, commands, forms, session, this::afterCommand);
        sash.setWeights(60, 40);
        if (session != null && session.hasRole(vn.motcua.core.model.Role.SPECIALIST) && !session.hasRole(vn.motcua.core.model.Role.CLERK)) {
            // A specialist's list opens as a to-do queue: the dossiers still being dealt with, the nearest due first
            // ("Của tôi" narrows it to theirs; unassigned ones stay in view, a specialist may take them up).
            open.setSelection(true);
            table.order(DossierFilter.Sort.DUE_SOONEST);
        }
        applyFilter();
        // Ctrl+F goes to the search box (its text selected, to type over), F5 reads the list again.
        ScreenHandler.activate(handlers, AppCommands.FIND, () -> {
            search.setFocus();
            search.selectAll();
        });
        ScreenHandler.activate(handlers, AppCommands.REFRESH, this::afterCommand);
    }

    @Inject
    EHandlerService handlers;

    private void createTable(Composite parent) {
        table = new DossierTable(parent, text, this::row, r -> details.show(r == null ? null : r.code()), () -> details.setFocus(),
                order -> applyFilter());
        table.control().setData(ID_KEY, "dossiers.table");
    }

    /** Deadline class of a list row at {@code now} (the rule shared with the store's filter). */
    static DeadlineClass deadlineClass(DossierRow r, Instant now) {
        try {
            return DeadlineClass.of(DossierStatus.valueOf(r.status()), r.dueAt(), now, now.plus(DUE_SOON));
        } catch (IllegalArgumentException e) {
            return null; // a status from a newer version: no class rather than a wrong one
        }
    }

    /** Widget data key under which the export button holds this part. */
    public static final String PART_KEY = "dossiers.part";
    private static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * Writes every dossier of the list as filtered now (not only the loaded rows) to an .xlsx file, streaming, as
     * an Eclipse Job the user can follow and cancel in the progress view; the outcome shows in the count line.
     * Public for the UI test, which cannot drive the native file dialog.
     */
    /** Most rows the ledger prints at once: a month of a commune's work; a longer list asks for a narrower filter. */
    static final int LEDGER_MAX = 2_000;

    /**
     * The dossier ledger (Form 07 of the 2025 pack, 06 of the 2018 pack) of the list as filtered now, as a PDF, in a
     * Job; the outcome shows in the count line. Public for the UI test.
     */
    public org.eclipse.core.runtime.jobs.Job ledgerTo(java.nio.file.Path target) {
        DossierFilter f = filter;
        org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create(text.get("ledger.job", target.getFileName()), monitor -> {
            String message;
            try {
                long total = cache.dossiers().count(f);
                List<DossierRow> rows = cache.dossiers().page(f, 0, LEDGER_MAX);
                List<vn.motcua.core.model.Dossier> dossiers = new java.util.ArrayList<>();
                java.util.Map<String, String> names = new java.util.HashMap<>();
                for (DossierRow r : rows) {
                    if (monitor.isCanceled()) {
                        return;
                    }
                    commands.find(r.code()).ifPresent(dossiers::add);
                    names.put(r.code(), r.procedureName());
                }
                String period = text.get("ledger.period", rows.size(), java.time.LocalDate.now(VIETNAM).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
                byte[] pdf = forms.ledger(dossiers, d -> names.getOrDefault(d.code(), d.procedureCode()), session.agencyCode(), period,
                        java.time.Instant.now(), session.training());
                // Written next to the target and moved in place: a half-written ledger never replaces a good one.
                java.nio.file.Path tmp = java.nio.file.Files.createTempFile(target.toAbsolutePath().getParent(), ".ledger", ".pdf");
                java.nio.file.Files.write(tmp, pdf);
                java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                message = total > rows.size() ? text.get("ledger.capped", rows.size(), total, target.getFileName())
                        : text.get("ledger.done", rows.size(), target.getFileName());
            } catch (java.io.IOException | RuntimeException ex) {
                message = text.get("ledger.failed", target.getFileName(), String.valueOf(ex.getMessage()));
            }
            showLater(message);
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** A job's outcome in the count line, from any thread. */
    private void showLater(String message) {
        count.getDisplay().asyncExec(() -> {
            if (!count.isDisposed()) {
                count.setText(message);
                count.setToolTipText(message);
                count.getParent().layout();
            }
        });
    }

    public org.eclipse.core.runtime.jobs.Job exportTo(java.nio.file.Path target) {
        DossierFilter f = filter;
        org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create(text.get("export.job", target.getFileName()), monitor -> {
            monitor.beginTask(text.get("export.job", target.getFileName()), org.eclipse.core.runtime.IProgressMonitor.UNKNOWN);
            String message;
            try {
                long n = vn.motcua.excel.DossierListExporter.write(cache.dossiers(), f, target, text.locale(), VIETNAM, monitor::isCanceled,
                        rows -> monitor.subTask(text.get("export.rows", rows)));
                message = text.get("export.done", n, target.getFileName());
            } catch (vn.motcua.excel.ExcelImportException ex) {
                message = ex.message(text.locale());
            } catch (java.io.IOException | RuntimeException ex) {
                message = text.get("export.failed", target.getFileName(), String.valueOf(ex.getMessage()));
            }
            showLater(message);
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Sync stored the server's versions of some dossiers: show them as they are now. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void dossiersChanged(@org.eclipse.e4.ui.di.UIEventTopic(vn.motcua.app.AppEvents.DOSSIERS_CHANGED) Object count) {
        if (table != null && !table.control().isDisposed()) {
            afterCommand();
        }
    }

    /** After a command: the list and its count may have changed; the same dossier stays shown. */
    private void afterCommand() {
        DossierRow selected = table.selectedRow();
        String code = selected == null ? null : selected.code();
        reselect = code;
        applyFilter();
        details.show(code);
    }

    private void applyFilter() {
        int sel = statusFilter.getSelectionIndex();
        Set<String> statuses = sel > 0 ? Set.of(statusChoices.get(sel - 1).name())
                : open.getSelection() ? statusChoices.stream().filter(st -> !st.isFinal()).map(Enum::name).collect(java.util.stream.Collectors.toSet())
                : Set.of();
        filter = new DossierFilter(search.getText(), statuses, table.order());
        if (mine.getSelection()) {
            filter = filter.withAssignee(session.user().username());
        }
        int dl = deadlineFilter.getSelectionIndex();
        if (dl > 0) {
            Instant now = Instant.now();
            filter = filter.withDeadline(DossierFilter.Deadline.of(DeadlineClass.values()[dl - 1], now, now.plus(DUE_SOON)));
        }
        long generation = filterGeneration.incrementAndGet();
        DossierFilter asked = filter;
        CompletableFuture<Listing> listing = CompletableFuture.supplyAsync(() -> {
            if (filterGeneration.get() != generation) {
                return null; // typed over before it started
            }
            // A broad text search ("nguyen van") stops counting at a thousand: nobody reads further, they type more.
            return new Listing(asked, cache.dossiers().listCount(asked), cache.dossiers().page(asked, 0, PAGE));
        }, queries);
        try {
            show(generation, awaitBriefly(listing), null);
        } catch (TimeoutException slow) {
            table.control().setData(PENDING_KEY, Boolean.TRUE);
            count.setText(text.get("count.searching"));
            count.getParent().layout();
            listing.whenComplete((done, failure) -> count.getDisplay().asyncExec(() -> show(generation, done, failure)));
        } catch (ExecutionException failed) {
            show(generation, null, failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The rows and count of one filter, computed off the UI thread. */
    private record Listing(DossierFilter filter, vn.motcua.store.ListCount count, List<DossierRow> firstPage) {
    }

    /** Shows {@code listing} if it is still the newest asked for; a failure says why in the count line. */
    private void show(long generation, Listing listing, Throwable failure) {
        if (count.isDisposed() || generation != filterGeneration.get()) {
            return;
        }
        table.control().setData(PENDING_KEY, Boolean.FALSE);
        if (failure != null || listing == null) {
            String why = failure == null ? "" : String.valueOf(failure.getMessage());
            count.setText(text.get("count.failed"));
            count.setToolTipText(text.get("count.failed.tooltip", why));
            count.getParent().layout();
            return;
        }
        shownFilter = listing.filter();
        shownGeneration = generation;
        pages.clear();
        pagesLoading.clear();
        pages.put(0, listing.firstPage());
        long n = listing.count().value();
        count.setText(listing.count().exact() ? text.get("count", n) : text.get("count.more", n));
        count.setToolTipText(null);
        count.getParent().layout();
        table.showNewList((int) Math.min(n, Integer.MAX_VALUE));
        String code = reselect;
        reselect = null;
        if (code != null) {
            // Keep the dossier selected when it is still on the first page of the list.
            List<DossierRow> first = listing.firstPage();
            for (int i = 0; i < first.size(); i++) {
                if (first.get(i).code().equals(code)) {
                    table.select(i);
                    break;
                }
            }
        } else {
            details.show(null);
        }
    }

    /** The result of {@code work} if it comes within {@link #waitOnUi} ms (0: never waited for). */
    private <T> T awaitBriefly(CompletableFuture<T> work) throws TimeoutException, ExecutionException, InterruptedException {
        if (waitOnUi <= 0) {
            throw new TimeoutException();
        }
        return work.get(waitOnUi, TimeUnit.MILLISECONDS);
    }

    /** How long the UI thread waits for a list read before showing it later; the UI test sets 0 to take that path. */
    void waitOnUi(long millis) {
        waitOnUi = millis;
    }

    @PreDestroy
    void dispose() {
        queries.shutdownNow();
    }

    /** Fills the saved-views list, selecting {@code selected} (or the placeholder). */
    private void loadViews(String selected) {
        views.removeAll();
        views.add(text.get("views.none"));
        List<SavedViews.View> all = savedViews.list();
        int at = 0;
        for (int i = 0; i < all.size(); i++) {
            views.add(all.get(i).name());
            if (all.get(i).name().equals(selected)) {
                at = i + 1;
            }
        }
        views.select(at);
    }

    /** Applies saved view {@code i} (search, status, deadline, mine); -1 (the placeholder) changes nothing. */
    private void applyView(int i) {
        List<SavedViews.View> all = savedViews.list();
        if (i < 0 || i >= all.size()) {
            return;
        }
        SavedViews.View v = all.get(i);
        int status = 0;
        for (int k = 0; k < statusChoices.size(); k++) {
            if (statusChoices.get(k).name().equals(v.status())) {
                status = k + 1;
            }
        }
        int deadline = 0;
        for (DeadlineClass c : DeadlineClass.values()) {
            if (c.name().equals(v.deadline())) {
                deadline = c.ordinal() + 1;
            }
        }
        statusFilter.select(status);
        deadlineFilter.select(deadline);
        mine.setSelection(v.mine());
        if (search.getText().equals(v.text())) {
            applyFilter();
        } else {
            search.setText(v.text()); // applies the filter through the modify listener
        }
    }

    /** Saves the list's filter as it is now under {@code name}. Package-visible for the UI test. */
    void saveView(String name) {
        int sel = statusFilter.getSelectionIndex();
        int dl = deadlineFilter.getSelectionIndex();
        SavedViews.View v = new SavedViews.View(name, search.getText(), sel <= 0 ? "" : statusChoices.get(sel - 1).name(),
                dl <= 0 ? "" : DeadlineClass.values()[dl - 1].name(), mine.getSelection());
        try {
            savedViews.save(v);
            loadViews(name);
            count.setText(text.get("views.saved", name));
        } catch (java.io.IOException e) {
            count.setText(text.get("views.failed", name, String.valueOf(e.getMessage())));
        }
        count.getParent().layout();
    }

    private void deleteView(String name) {
        try {
            savedViews.delete(name);
            loadViews(null);
        } catch (java.io.IOException e) {
            count.setText(text.get("views.failed", name, String.valueOf(e.getMessage())));
        }
    }

    /**
     * Row {@code index} of the list shown, or null while its page is being read: a page read in time
     * ({@link #WAIT_ON_UI}) is used at once, a slower one (deep in a big list) fills its rows when it comes, so
     * dragging the scroll bar never freezes the window. The grid asks for each cell it paints.
     */
    private DossierRow row(int index) {
        int page = index / PAGE;
        lastAsked = index;
        List<DossierRow> rows = pages.get(page);
        if (rows == null) {
            if (pagesLoading.contains(page)) {
                return null; // painted blank until the read comes
            }
            long generation = shownGeneration;
            DossierFilter shown = shownFilter;
            CompletableFuture<List<DossierRow>> read = CompletableFuture.supplyAsync(() -> {
                // Queued behind other reads: not worth reading if a new list was asked for or the view has moved
                // on (a scroll-bar drag asks for every page it passes); the grid asks again for rows still shown.
                if (filterGeneration.get() != generation || Math.abs(lastAsked / PAGE - page) > 1) {
                    return null;
                }
                return cache.dossiers().page(shown, page * PAGE, PAGE);
            }, queries);
            try {
                rows = awaitBriefly(read);
                if (rows == null) {
                    return null;
                }
                pages.put(page, rows);
            } catch (TimeoutException slow) {
                pagesLoading.add(page);
                read.whenComplete((done, failure) -> count.getDisplay().asyncExec(() -> pageRead(generation, page, done, failure)));
                return null;
            } catch (ExecutionException failed) {
                return null; // the count line says nothing; the next paint asks again
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        int i = index - page * PAGE;
        return i < rows.size() ? rows.get(i) : null;
    }

    /** A page read off the UI thread: the grid paints again with it, if the list is still the same. */
    private void pageRead(long generation, int page, List<DossierRow> rows, Throwable failure) {
        if (table.control().isDisposed() || generation != shownGeneration || !pagesLoading.remove(page)) {
            return; // the list changed meanwhile (and its pages started afresh)
        }
        if (rows != null) {
            pages.put(page, rows);
        }
        if (failure == null) {
            // Read, or skipped as scrolled past: painting asks again for the rows still on screen.
            table.redraw();
        }
        // A failed read is left blank rather than asked again at once; the next paint or list asks afresh.
    }

    @Focus
    void setFocus() {
        search.setFocus();
    }


}
