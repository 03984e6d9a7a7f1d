package vn.motcua.reports;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import vn.motcua.store.ReportFacts;

/** Computes a period's {@link Report} from the store's report read model ({@link ReportFacts}), then plain Java. */
public final class Reports {
    private final ReportFacts facts;
    private final IndexRules rules;

    public Reports(ReportFacts facts, IndexRules rules) {
        this.facts = facts;
        this.rules = rules;
    }

    /**
     * The report of {@code agencyCode}'s dossiers (null: every agency in the cache) for {@code period}, as it stands
     * at {@code now} (open dossiers are judged at the end of the period or now, whichever comes first).
     */
    public Report compute(ReportPeriod period, String agencyCode, Instant now, Locale locale) {
        List<DossierFacts> dossiers = facts.dossiers(period.start(), period.end(), agencyCode).stream().map(DossierFacts::of).toList();
        List<ProcedureFacts> procedures = facts.catalogue().stream().map(p -> new ProcedureFacts(p.code(), p.name(), p.onlineLevel())).toList();
        List<IndicatorScore> index = new Index766(period, now, locale).score(rules, dossiers, procedures);
        return new Report(period, now, dossiers, index, locale);
    }
}
