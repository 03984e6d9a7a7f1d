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

    DossierDetailsView(Composite parent, UiText text, LocalCache cache, vn.motcua.core.session.UserSession session, Runnable changed) {
        this.text = text;
        this.cache = cache;
        root = new Composite(parent, SWT.NONE);
        root.setData(DossierListPart.ID_KEY, "dossiers.details");
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(false).spacing(12, 4).margins(4, 4).applyTo(root);
        heading = new Label(root, SWT.WRAP);
        heading.setData(DossierListPart.ID_KEY, "dossiers.details.heading");
        Fonts.bold(heading, 1.1f);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(heading);
        actions = new DossierActions(root, text, cache, session, changed);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(actions.control());

        ScrolledComposite scroll = new ScrolledComposite(root, SWT.V_SCROLL);
        fields = new Composite(scroll, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(10, 3).applyTo(fields);
        scroll.setContent(fields);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridDataFactory.fillDefaults().grab(false, true).hint(460, SWT.DEFAULT).applyTo(scroll);

        Composite right = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(right);
        Label h = new Label(right, SWT.NONE);
        h.setText(text.get("details.history"));
        history = new TableViewer(right, SWT.BORDER | SWT.FULL_SELECTION);
        history.getTable().setData(DossierListPart.ID_KEY, "dossiers.details.history");
        history.getTable().setHeaderVisible(true);
        history.getTable().setLinesVisible(true);
        history.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(history.getTable());
        historyColumn("hist.at", 125, e -> text.dateTime(e.at()));
        historyColumn("hist.action", 170, e -> text.action(e.action()));
        historyColumn("hist.to", 140, e -> text.status(e.toStatus()));
        historyColumn("hist.actor", 110, e -> e.actor());
        historyColumn("hist.reason", 260, e -> UiText.orDash(e.reason()));
        show(null);
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
