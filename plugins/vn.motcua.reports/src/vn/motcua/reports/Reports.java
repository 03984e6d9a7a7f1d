package vn.motcua.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import vn.motcua.store.LocalCache;

/** Computes a period's {@link Report} from the local cache: one read of the counted dossiers' facts, then plain Java. */
public final class Reports {
    private final LocalCache cache;
    private final IndexRules rules;

    public Reports(LocalCache cache, IndexRules rules) {
        this.cache = cache;
        this.rules = rules;
    }

    /**
     * The report of {@code agencyCode}'s dossiers (null: every agency in the cache) for {@code period}, as it stands
     * at {@code now} (open dossiers are judged at the end of the period or now, whichever comes first).
     */
    public Report compute(ReportPeriod period, String agencyCode, Instant now, Locale locale) {
        try (Connection c = cache.connection()) {
            List<DossierFacts> facts = FactsReader.read(c, period, agencyCode);
            List<ProcedureFacts> procedures = FactsReader.procedures(c);
            List<IndicatorScore> index = new Index766(period, now, locale).score(rules, facts, procedures);
            return new Report(period, now, facts, index, locale);
        } catch (SQLException e) {
            throw new IllegalStateException("The report could not be read from the cache: " + e.getMessage(), e);
        }
    }
}
