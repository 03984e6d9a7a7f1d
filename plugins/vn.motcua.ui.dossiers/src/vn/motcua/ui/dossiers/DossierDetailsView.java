package vn.motcua.ui.dossiers;

import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import vn.motcua.app.ui.Fonts;
import vn.motcua.store.DossierDetails;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.LocalCache;

/** The selected dossier: who, what, when, where it stands, and every step of its history. */
final class DossierDetailsView {
    private final UiText text;
    private final LocalCache cache;
    private final Composite root;
    private final Label heading;
    private final Composite fields;
    private final TableViewer history;
    private final DossierActions actions;

    DossierDetailsView(Composite parent, UiText text, LocalCache cache, vn.motcua.desk.DossierCommands commands, vn.motcua.desk.DossierForms forms,
            vn.motcua.core.session.UserSession session, Runnable changed) {
        this.text = text;
        this.cache = cache;
        root = new Composite(parent, SWT.NONE);
        root.setData(DossierListPart.ID_KEY, "dossiers.details");
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(false).spacing(12, 4).margins(4, 4).applyTo(root);
        heading = new Label(root, SWT.WRAP);
        heading.setData(DossierListPart.ID_KEY, "dossiers.details.heading");
        Fonts.bold(heading, 1.1f);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(heading);
        actions = new DossierActions(root, text, commands, forms, session, changed);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(actions.control());

        ScrolledComposite scroll = new ScrolledComposite(root, SWT.V_SCROLL);
        fields = new Composite(scroll, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(10, 3).applyTo(fields);
        scroll.setContent(fields);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridDataFactory.fillDefaults().grab(false, true).hint(460, SWT.DEFAULT).applyTo(scroll);

        // History and documents as two tabs: the details pane is short on a 768-pixel screen.
        tabs = new org.eclipse.swt.custom.CTabFolder(root, SWT.BORDER);
        tabs.setData(DossierListPart.ID_KEY, "dossiers.details.tabs");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        Composite right = new Composite(tabs, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(right);
        Composite lower = new Composite(tabs, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(lower);
        org.eclipse.swt.custom.CTabItem historyTab = new org.eclipse.swt.custom.CTabItem(tabs, SWT.NONE);
        historyTab.setText(text.get("details.history"));
        historyTab.setControl(right);
        docsTab = new org.eclipse.swt.custom.CTabItem(tabs, SWT.NONE);
        docsTab.setText(text.get("docs.tab", 0));
        docsTab.setControl(lower);
        tabs.setSelection(0);
        history = new TableViewer(right, SWT.BORDER | SWT.FULL_SELECTION);
        history.getTable().setData(DossierListPart.ID_KEY, "dossiers.details.history");
        history.getTable().setHeaderVisible(true);
        history.getTable().setLinesVisible(true);
        history.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(history.getTable());
        historyColumn("hist.at", 125, e -> text.dateTime(e.at()));
        historyColumn("hist.action", 170, e -> text.action(e.action()));
        historyColumn("hist.to", 140, e -> text.status(e.toStatus()));
        historyColumn("hist.actor", 150, e -> commands == null ? e.actor() : commands.personName(e.actor()));
        historyColumn("hist.reason", 260, e -> UiText.orDash(e.reason()));

        Composite docBar = new Composite(lower, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(docBar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(docBar);
        Label dh = new Label(docBar, SWT.NONE);
        dh.setText(text.get("docs.title"));
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(dh);
        org.eclipse.swt.widgets.Button open = new org.eclipse.swt.widgets.Button(docBar, SWT.PUSH);
        open.setText(text.get("docs.open"));
        open.setData(DossierListPart.ID_KEY, "dossiers.docs.open");
        open.addListener(SWT.Selection, e -> selectedDocument().ifPresent(doc -> {
            java.nio.file.Path file = openDocument(doc);
            if (file != null) {
                // The viewer registered for the type recognised in the bytes, never whatever the name would launch.
                String ext = file.getFileName().toString().substring(file.getFileName().toString().lastIndexOf('.'));
                org.eclipse.swt.program.Program viewer = org.eclipse.swt.program.Program.findProgram(ext);
                if (viewer != null) {
                    viewer.execute(file.toString());
                } else {
                    org.eclipse.swt.program.Program.launch(file.toString());
                }
            }
        }));
        org.eclipse.swt.widgets.Button add = new org.eclipse.swt.widgets.Button(docBar, SWT.PUSH);
        add.setText(text.get("docs.add"));
        add.setData(DossierListPart.ID_KEY, "dossiers.docs.add");
        add.setData(VIEW_KEY, this); // the UI test adds through addAttachment: it cannot drive the file dialog
        add.addListener(SWT.Selection, e -> {
            if (shown == null) {
                return;
            }
            org.eclipse.swt.widgets.FileDialog d = new org.eclipse.swt.widgets.FileDialog(root.getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.pdf;*.jpg;*.jpeg;*.png", "*.*" });
            String file = d.open();
            if (file != null) {
                addAttachment(java.nio.file.Path.of(file));
            }
        });
        documents = new TableViewer(lower, SWT.BORDER | SWT.FULL_SELECTION);
        documents.getTable().setData(DossierListPart.ID_KEY, "dossiers.docs");
        documents.getTable().setHeaderVisible(true);
        documents.getTable().setLinesVisible(true);
        documents.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(documents.getTable());
        docColumn("docs.kind", 130, d -> text.get("docs.kind." + d.kind().name()));
        docColumn("docs.name", 220, DossierDocuments.Document::name);
        docColumn("docs.size", 70, d -> Math.max(1, d.size() / 1024) + " KB");
        docColumn("docs.at", 125, d -> text.dateTime(d.createdAt()));
        docColumn("docs.by", 110, DossierDocuments.Document::createdBy);
        docColumn("docs.note", 200, d -> d.note().startsWith("paper:") ? text.get("docs.paperNote", d.note().replaceFirst("^paper:\\S+\\s*", ""))
                : d.note());
        documents.addDoubleClickListener(e -> open.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event()));
        docMessage = new Label(lower, SWT.WRAP);
        docMessage.setData(DossierListPart.ID_KEY, "dossiers.docs.message");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(docMessage);
        this.session = session;
        show(null);
    }

    static final String VIEW_KEY = "dossiers.details.view";
    private final org.eclipse.swt.custom.CTabFolder tabs;
    private final org.eclipse.swt.custom.CTabItem docsTab;
    private final TableViewer documents;
    private final Label docMessage;
    private final vn.motcua.core.session.UserSession session;
    private String shown;

    private void docColumn(String key, int width, java.util.function.Function<DossierDocuments.Document, String> value) {
        TableViewerColumn c = new TableViewerColumn(documents, SWT.NONE);
        c.getColumn().setText(text.get(key));
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return UiText.orDash(value.apply((DossierDocuments.Document) element));
            }
        });
    }

    private Optional<DossierDocuments.Document> selectedDocument() {
        Object o = documents.getStructuredSelection().getFirstElement();
        return Optional.ofNullable((DossierDocuments.Document) o);
    }

    /**
     * Adds a scanned paper or an image to the shown dossier (PDF, JPEG or PNG by its bytes, at most 20 MB); returns
     * null, or why it was refused (also shown under the list). Public for the UI test.
     */
    public String addAttachment(java.nio.file.Path file) {
        String problem;
        try {
            long size = java.nio.file.Files.size(file);
            byte[] bytes = size > DossierDocuments.MAX_SCAN_BYTES ? null : java.nio.file.Files.readAllBytes(file);
            String type = bytes == null ? null : DossierDocuments.scanType(bytes);
            if (bytes == null) {
                problem = text.get("docs.tooLarge", file.getFileName(), size / (1024 * 1024), DossierDocuments.MAX_SCAN_BYTES / (1024 * 1024));
            } else if (type == null) {
                problem = text.get("docs.notScan", file.getFileName());
            } else {
                cache.documents().add(new DossierDocuments.NewDocument(shown, DossierDocuments.Kind.ATTACHMENT, file.getFileName().toString(), type,
                        bytes, session.user().username(), ""));
                problem = null;
            }
        } catch (java.io.IOException e) {
            problem = text.get("docs.unreadable", file.getFileName(), String.valueOf(e.getMessage()));
        }
        showDocuments();
        docMessage.setText(problem == null ? text.get("docs.added", file.getFileName()) : problem);
        root.layout(true, true);
        return problem;
    }

    /**
     * Writes a stored document (its hash checked) to the data folder's {@code open/} folder for the system viewer, if
     * its bytes are a PDF, JPEG or PNG — anything else (an executable, a script, a shortcut named like a PDF) is never
     * handed to the system; the file gets the extension of the recognised type, not the one in its name. Null after
     * saying why it cannot be opened. Package-visible for the UI test.
     */
    java.nio.file.Path openDocument(DossierDocuments.Document doc) {
        try {
            byte[] bytes = cache.documents().content(doc);
            String type = vn.motcua.core.model.DocumentContent.recognisedType(bytes);
            if (type == null) {
                docMessage.setText(text.get("docs.notOpenable", doc.name()));
                root.layout(true, true);
                return null;
            }
            String name = vn.motcua.core.text.DocumentNames.sanitise(doc.name(), "tai-lieu");
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(cache.dataDir().resolve("open"));
            java.nio.file.Path file = dir.resolve(doc.sha256().substring(0, 12) + "-" + stem + vn.motcua.core.model.DocumentContent.extension(type));
            java.nio.file.Files.write(file, bytes);
            return file;
        } catch (java.io.IOException | RuntimeException e) {
            docMessage.setText(text.get("docs.openFailed", doc.name(), String.valueOf(e.getMessage())));
            return null;
        }
    }

    private void showDocuments() {
        java.util.List<vn.motcua.store.DossierDocuments.Document> docs = shown == null ? java.util.List.of() : cache.documents().list(shown);
        documents.setInput(docs);
        docsTab.setText(text.get("docs.tab", docs.size()));
    }

    private void historyColumn(String key, int width, java.util.function.Function<DossierDetails.Event, String> value) {
        TableViewerColumn c = new TableViewerColumn(history, SWT.NONE);
        c.getColumn().setText(text.get(key));
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return UiText.orDash(value.apply((DossierDetails.Event) element));
            }
        });
    }

    /** Shows the dossier with this code, or the empty hint for null. */
    void show(String code) {
        Optional<DossierDetails> d = code == null ? Optional.empty() : cache.dossiers().find(code);
        for (Control c : fields.getChildren()) {
            c.dispose();
        }
        if (d.isEmpty()) {
            heading.setText(text.get("details.empty"));
            history.setInput(new Object[0]);
        } else {
            DossierDetails x = d.get();
            heading.setText(x.code() + " – " + x.procedureName());
            field("details.applicant", x.applicantName());
            field("details.idNumber", x.applicantIdNumber());
            field("details.birth", text.date(x.applicantBirth()));
            field("details.phone", x.applicantPhone());
            field("details.address", x.applicantAddress());
            field("details.procedure", x.procedureCode() + " (" + x.fieldName() + ")");
            field("details.received", text.dateTime(x.receivedAt()));
            field("details.due", text.dateTime(x.dueAt()));
            field("details.status", text.status(x.status()));
            field("details.assignee", x.assignee());
            field("details.rulePack", text.get("rulePack." + x.rulePack()));
            history.setInput(x.events().toArray());
        }
        actions.show(d.map(DossierDetails::code).orElse(null));
        shown = d.map(DossierDetails::code).orElse(null);
        docMessage.setText("");
        showDocuments();
        fields.setSize(fields.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        ((ScrolledComposite) fields.getParent()).setMinSize(fields.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        root.layout(true, true);
    }

    private void field(String key, String value) {
        Label k = new Label(fields, SWT.NONE);
        k.setText(text.get(key) + ":");
        Label v = new Label(fields, SWT.WRAP);
        v.setText(UiText.orDash(value));
        v.setData(DossierListPart.ID_KEY, key);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(v);
    }

    void setFocus() {
        history.getTable().setFocus();
    }
}
