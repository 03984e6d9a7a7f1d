package vn.motcua.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.text.VietnameseText;
import vn.motcua.reports.DossierFacts.Outcome;

/**
 * A period's report: the dossiers it counts, summed by field, procedure, month and status, the late ones, the average
 * processing time, and the Decision 766 indicators with what pulls them down. Built by {@link Reports}; its tables are
 * what the screen shows and the PDF and Excel exports write.
 */
public final class Report {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ReportPeriod.VIETNAM);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM/yyyy");

    private final ReportPeriod period;
    private final Instant computedAt;
    private final List<DossierFacts> facts;
    private final List<IndicatorScore> index;
    private final ReportTexts text;

    Report(ReportPeriod period, Instant computedAt, List<DossierFacts> facts, List<IndicatorScore> index, Locale locale) {
        this.period = period;
        this.computedAt = computedAt;
        this.facts = List.copyOf(facts);
        this.index = List.copyOf(index);
        this.text = new ReportTexts(locale);
    }

    public ReportPeriod period() {
        return period;
    }

    public Instant computedAt() {
        return computedAt;
    }

    public List<DossierFacts> facts() {
        return facts;
    }

    public List<IndicatorScore> index() {
        return index;
    }

    /** The counts of one row of the national report form. */
    public static final class Counts {
        public long total;
        public long carried;
        public long receivedOnline;
        public long receivedOther;
        public final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

        public long get(Outcome o) {
            return outcomes.getOrDefault(o, 0L);
        }

        public long finished() {
            return get(Outcome.EARLY) + get(Outcome.ON_TIME) + get(Outcome.LATE);
        }

        public long open() {
            return get(Outcome.IN_TIME) + get(Outcome.OVERDUE);
        }

        void add(DossierFacts f, ReportPeriod p, Instant now) {
            total++;
            if (!f.receivedIn(p)) {
                carried++;
            } else if (f.channel() == vn.motcua.core.model.Channel.ONLINE) {
                receivedOnline++;
            } else {
                receivedOther++;
            }
            outcomes.merge(f.outcome(p, now), 1L, Long::sum);
        }
    }

    /** Counts per key (field, procedure…), keys in Vietnamese order, and the total. */
    public Map<String, Counts> countsBy(Function<DossierFacts, String> key) {
        Map<String, Counts> out = new TreeMap<>(VietnameseText.collator()::compare);
        for (DossierFacts f : facts) {
            out.computeIfAbsent(key.apply(f), k -> new Counts()).add(f, period, computedAt);
        }
        return out;
    }

    public Counts totals() {
        Counts c = new Counts();
        facts.forEach(f -> c.add(f, period, computedAt));
        return c;
    }

    /** Per month of the period: received, finished on time (early or on the day), finished late. */
    public record MonthCount(YearMonth month, long received, long finishedInTime, long finishedLate) {
    }

    public List<MonthCount> byMonth() {
        Map<YearMonth, long[]> m = new LinkedHashMap<>();
        for (YearMonth ym : period.months()) {
            m.put(ym, new long[3]);
        }
        for (DossierFacts f : facts) {
            if (f.receivedIn(period)) {
                m.get(YearMonth.from(f.receivedAt().atZone(ReportPeriod.VIETNAM)))[0]++;
            }
            if (f.finishedBy(period) && !f.isStop()) {
                long[] c = m.get(YearMonth.from(f.finishedAt().atZone(ReportPeriod.VIETNAM)));
                if (c != null) {
                    c[f.outcome(period, computedAt) == Outcome.LATE ? 2 : 1]++;
                }
            }
        }
        List<MonthCount> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new MonthCount(k, v[0], v[1], v[2])));
        return out;
    }

    /** Late dossiers (finished late or overdue at the end of the period), most days late first. */
    public List<DossierFacts> late() {
        return facts.stream().filter(f -> !f.isStop() && f.late(period, computedAt))
                .sorted(Comparator.comparingLong((DossierFacts f) -> -f.daysLate(period, computedAt)).thenComparing(DossierFacts::code)).toList();
    }

    /** Points earned of the points computable here. */
    public double points() {
        return index.stream().filter(IndicatorScore::computed).mapToDouble(IndicatorScore::points).sum();
    }

    public double computablePoints() {
        return index.stream().filter(IndicatorScore::computed).mapToDouble(s -> s.rule().maxPoints()).sum();
    }

    // ---- Tables as shown, printed and exported ----

    public String title() {
        return text.get("title");
    }

    public String periodLine() {
        return text.get("period", DAY.format(period.start()), DAY.format(period.end().minusSeconds(1)));
    }

    public String note() {
        return text.get("note", text.cell(Math.round(points() * 10) / 10.0), text.cell((long) computablePoints()));
    }

    ReportTexts text() {
        return text;
    }

    public String cell(Object v) {
        return text.cell(v);
    }

    public List<ReportTable> tables() {
        return List.of(byFieldTable(), byProcedureTable(), byMonthTable(), byStatusTable(), averageTable(), lateTable(), indexTable(),
                culpritsTable());
    }

    private List<String> countHeader(String first) {
        return List.of(text.get(first), text.get("col.totalCount"), text.get("col.carried"), text.get("col.receivedOnline"),
                text.get("col.receivedOther"), text.get("col.finished"), text.get("col.early"), text.get("col.onTime"), text.get("col.late"),
                text.get("col.open"), text.get("col.inTime"), text.get("col.overdue"), text.get("col.stopped"));
    }

    private static List<Object> countRow(String label, Counts c) {
        return List.of(label, c.total, c.carried, c.receivedOnline, c.receivedOther, c.finished(), c.get(Outcome.EARLY), c.get(Outcome.ON_TIME),
                c.get(Outcome.LATE), c.open(), c.get(Outcome.IN_TIME), c.get(Outcome.OVERDUE), c.get(Outcome.STOPPED));
    }

    private static final List<Float> COUNT_WIDTHS = List.of(20f, 6f, 6f, 6f, 6f, 6f, 6f, 6f, 6f, 6f, 6f, 6f, 6f);

    public ReportTable byFieldTable() {
        List<List<Object>> rows = new ArrayList<>();
        countsBy(DossierFacts::field).forEach((k, c) -> rows.add(countRow(k, c)));
        rows.add(countRow(text.get("total"), totals()));
        return new ReportTable("byField", text.get("table.byField"), countHeader("col.field"), COUNT_WIDTHS, rows, true);
    }

    public ReportTable byProcedureTable() {
        List<List<Object>> rows = new ArrayList<>();
        countsBy(f -> f.procedureCode() + " " + f.procedureName()).forEach((k, c) -> rows.add(countRow(k, c)));
        rows.add(countRow(text.get("total"), totals()));
        return new ReportTable("byProcedure", text.get("table.byProcedure"), countHeader("col.procedure"), COUNT_WIDTHS, rows, true);
    }

    public ReportTable byMonthTable() {
        List<List<Object>> rows = new ArrayList<>();
        long[] sum = new long[3];
        for (MonthCount m : byMonth()) {
            rows.add(List.of(MONTH.format(m.month()), m.received(), m.finishedInTime(), m.finishedLate()));
            sum[0] += m.received();
            sum[1] += m.finishedInTime();
            sum[2] += m.finishedLate();
        }
        rows.add(List.of(text.get("total"), sum[0], sum[1], sum[2]));
        return new ReportTable("byMonth", text.get("table.byMonth"),
                List.of(text.get("col.month"), text.get("col.received"), text.get("col.finishedInTime"), text.get("col.finishedLate")),
                List.of(10f, 10f, 10f, 10f), rows, true);
    }

    public ReportTable byStatusTable() {
        Map<DossierStatus, Long> n = new EnumMap<>(DossierStatus.class);
        facts.forEach(f -> n.merge(f.status(), 1L, Long::sum));
        List<List<Object>> rows = new ArrayList<>();
        n.forEach((s, c) -> rows.add(List.of(s.displayName(text.locale), c)));
        rows.add(List.of(text.get("total"), (long) facts.size()));
        return new ReportTable("byStatus", text.get("table.byStatus"), List.of(text.get("col.status"), text.get("col.count")), List.of(20f, 8f),
                rows, true);
    }

    public ReportTable averageTable() {
        Map<String, double[]> m = new TreeMap<>(VietnameseText.collator()::compare);
        double[] all = new double[2];
        for (DossierFacts f : facts) {
            if (f.finishedBy(period) && !f.isStop()) {
                double[] a = m.computeIfAbsent(f.field(), k -> new double[2]);
                a[0]++;
                a[1] += f.processingDays();
                all[0]++;
                all[1] += f.processingDays();
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        m.forEach((k, a) -> rows.add(List.of(k, (long) a[0], a[1] / a[0])));
        rows.add(List.of(text.get("total"), (long) all[0], all[0] == 0 ? "—" : (Object) (all[1] / all[0])));
        return new ReportTable("average", text.get("table.average"),
                List.of(text.get("col.field"), text.get("col.finished"), text.get("col.averageDays")), List.of(20f, 8f, 8f), rows, true);
    }

    public ReportTable lateTable() {
        List<List<Object>> rows = new ArrayList<>();
        for (DossierFacts f : late()) {
            rows.add(List.of(f.code(), f.procedureCode() + " " + f.procedureName(), f.applicantName(), day(f.receivedAt()), day(f.appointment()),
                    f.finishedBy(period) ? day(f.finishedAt()) : "—", f.daysLate(period, computedAt), f.assignee() == null ? "" : f.assignee(),
                    f.supplementRequests() > 1 ? text.get("culprit.supplements", f.supplementRequests())
                            : text.get(f.finishedBy(period) ? "culprit.finishedLate" : "culprit.overdue", f.daysLate(period, computedAt))));
        }
        return new ReportTable("late", text.get("table.overdue"),
                List.of(text.get("col.code"), text.get("col.procedure"), text.get("col.applicant"), text.get("col.receivedAt"),
                        text.get("col.appointment"), text.get("col.finishedAt"), text.get("col.daysLate"), text.get("col.assignee"),
                        text.get("col.reason")),
                List.of(14f, 20f, 11f, 7f, 7f, 7f, 5f, 7f, 14f), rows, false);
    }

    public String indicatorName(IndicatorScore s) {
        return text.get("measure." + s.rule().measure().name());
    }

    public String groupName(IndicatorScore s) {
        return text.get("group." + s.rule().group());
    }

    public ReportTable indexTable() {
        List<List<Object>> rows = new ArrayList<>();
        for (IndicatorScore s : index) {
            Object ratio = s.rule().measure() == Measure.PORTAL_ONLY ? text.get("notComputed")
                    : s.denominator() == 0 ? text.get("nothingToCount") : s.numerator() + "/" + s.denominator();
            rows.add(List.of(s.rule().id(), indicatorName(s), groupName(s), ratio, s.percent() == null ? "—" : (Object) s.percent(),
                    s.points() == null ? "—" : (Object) s.points(), s.rule().maxPoints(),
                    s.rule().fullAtPercent() == null ? "—" : (Object) s.rule().fullAtPercent()));
        }
        rows.add(List.of(text.get("total"), "", "", "", "", Math.round(points() * 100) / 100.0, computablePoints(), ""));
        return new ReportTable("index", text.get("table.index"),
                List.of(text.get("col.item"), text.get("col.indicator"), text.get("col.group"), text.get("col.ratio"), text.get("col.rate"),
                        text.get("col.points"), text.get("col.max"), text.get("col.fullAt")),
                List.of(4f, 26f, 12f, 8f, 6f, 6f, 6f, 8f), rows, true);
    }

    public ReportTable culpritsTable() {
        List<List<Object>> rows = new ArrayList<>();
        for (IndicatorScore s : index) {
            for (IndicatorScore.Culprit c : s.culprits()) {
                rows.add(List.of(s.rule().id(), c.code(), c.name(), c.reason()));
            }
        }
        return new ReportTable("culprits", text.get("table.culprits"),
                List.of(text.get("col.item"), text.get("col.code"), text.get("col.procedure"), text.get("col.reason")), List.of(4f, 14f, 26f, 16f),
                rows, false);
    }

    private static String day(Instant i) {
        return i == null ? "—" : DAY.format(i);
    }

}
