package vn.motcua.reports;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import vn.motcua.forms.FormData;
import vn.motcua.forms.FormRenderer;

/**
 * A report as an A4 landscape PDF in the administrative style of the forms (template {@code report/BC.xml}, which a
 * province may override). Long lists are cut at {@link #MAX_ROWS} rows with a pointer to the Excel export.
 */
public final class ReportPdf {
    static final int MAX_ROWS = 300;

    private ReportPdf() {
    }

    public static byte[] render(Report report, FormRenderer renderer, String agencyName, String parentAgencyName, String place, String author,
            LocalDate today, boolean training) throws IOException {
        FormData data = new FormData().put("agencyParent", parentAgencyName.toUpperCase(java.util.Locale.forLanguageTag("vi")))
                .put("agencyName", agencyName).put("title", report.title()).put("period", report.periodLine()).put("note", report.note())
                .put("place", place).put("day", String.format("%02d", today.getDayOfMonth()))
                .put("month", String.format("%02d", today.getMonthValue())).put("year", Integer.toString(today.getYear())).put("author", author);
        for (ReportTable t : report.tables()) {
            List<List<String>> rows = new ArrayList<>();
            for (List<Object> r : t.rows()) {
                if (rows.size() == MAX_ROWS) {
                    List<String> more = new ArrayList<>();
                    more.add(report.text().get("more", t.rows().size() - MAX_ROWS));
                    while (more.size() < t.header().size()) {
                        more.add("");
                    }
                    rows.add(more);
                    break;
                }
                rows.add(r.stream().map(report::cell).toList());
            }
            data.table(t.id(), t.caption(), t.header(), t.widths(), rows);
        }
        return renderer.render("report", "BC", data, training);
    }
}
