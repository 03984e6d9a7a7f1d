package vn.motcua.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import vn.motcua.app.AppMessages;
import vn.motcua.core.calendar.TimeInterval;
import vn.motcua.store.AgencySettings;
import vn.motcua.store.LocalCache;

/**
 * The admin's agency settings: office hours per weekday (deadlines are counted in them) and the official yearly
 * schedule of days off and make-up days (a file checked line by line before it replaces the one in use). Saved to
 * the data folder; the next appointment computed uses them.
 */
public final class AgencySettingsDialog extends Dialog {
    public static final String ID_KEY = "motcua.id";
    private final LocalCache cache;
    private final Locale locale;
    private final Map<DayOfWeek, Text> fields = new EnumMap<>(DayOfWeek.class);
    private Label message;
    private Label schedule;

    public AgencySettingsDialog(Shell parent, LocalCache cache, Locale locale) {
        super(parent);
        this.cache = cache;
        this.locale = locale == null ? Locale.forLanguageTag("vi-VN") : locale;
    }

    private String t(String key, Object... args) {
        return AppMessages.get(locale, key, args);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(t("agency.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label intro = new Label(area, SWT.WRAP);
        intro.setText(t("agency.hours.intro"));
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(intro);
        AgencySettings settings = AgencySettings.load(cache.dataDir());
        for (DayOfWeek d : DayOfWeek.values()) {
            new Label(area, SWT.NONE).setText(d.getDisplayName(TextStyle.FULL, locale) + ":");
            Text f = new Text(area, SWT.BORDER);
            f.setData(ID_KEY, "agency.hours." + d.name());
            f.setMessage(t("agency.hours.closed"));
            f.setText(AgencySettings.format(settings.hours(d)));
            GridDataFactory.fillDefaults().grab(true, false).applyTo(f);
            fields.put(d, f);
        }
        Label sep = new Label(area, SWT.SEPARATOR | SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(sep);
        schedule = new Label(area, SWT.WRAP);
        schedule.setData(ID_KEY, "agency.schedule");
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(schedule);
        showSchedule();
        Button importSchedule = new Button(area, SWT.PUSH);
        importSchedule.setText(t("agency.schedule.import"));
        importSchedule.setData(ID_KEY, "agency.schedule.import");
        importSchedule.setData("agency.dialog", this); // the UI test imports through importSchedule
        importSchedule.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.txt", "*.*" });
            String f = d.open();
            if (f != null) {
                importSchedule(Path.of(f));
            }
        });
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).applyTo(importSchedule);
        message = new Label(area, SWT.WRAP);
        message.setData(ID_KEY, "agency.message");
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(message);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, t("agency.save"), true);
        createButton(parent, IDialogConstants.CANCEL_ID, t("agency.cancel"), false);
    }

    private void showSchedule() {
        Path file = cache.dataDir().resolve(vn.motcua.store.WorkstationCalendar.SCHEDULES_FILE);
        schedule.setText(Files.isRegularFile(file) ? t("agency.schedule.file", file.getFileName()) : t("agency.schedule.builtIn"));
    }

    /**
     * Checks a schedule file and, when every line is right, makes it the one in use; returns null, or the problem
     * (file, line and what is wrong), also shown in the dialog. Public for the UI test.
     */
    public String importSchedule(Path file) {
        String problem = null;
        try {
            // Added to the years already here (a year the file announces replaces that year only).
            new vn.motcua.store.WorkstationCalendar(cache).importSchedule(file);
        } catch (IOException | RuntimeException e) {
            problem = t("agency.schedule.bad", file.getFileName(), String.valueOf(e.getMessage()));
        }
        message.setText(problem == null ? t("agency.schedule.done", file.getFileName()) : problem);
        showSchedule();
        getShell().layout(true, true);
        return problem;
    }

    @Override
    protected void okPressed() {
        Map<DayOfWeek, List<TimeInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, Text> e : fields.entrySet()) {
            try {
                hours.put(e.getKey(), AgencySettings.parseHours(e.getValue().getText()));
            } catch (IllegalArgumentException x) {
                message.setText(t("agency.hours.bad", e.getKey().getDisplayName(TextStyle.FULL, locale), x.getMessage()));
                e.getValue().setFocus();
                getShell().layout(true, true);
                return;
            }
        }
        try {
            AgencySettings.save(cache.dataDir(), hours);
        } catch (IOException x) {
            message.setText(t("agency.failed", String.valueOf(x.getMessage())));
            return;
        }
        super.okPressed();
    }
}
