package vn.motcua.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import vn.motcua.core.model.Channel;
import vn.motcua.reports.IndicatorScore.Culprit;

/**
 * Decision 766/QĐ-TTg indicators computed the national way from a period's dossier facts: rates per indicator,
 * points from the rules, and the dossiers that pull each score down. Plain Java over {@link DossierFacts}.
 */
final class Index766 {
    private final ReportPeriod period;
    private final Instant now;
    private final ReportTexts text;

    Index766(ReportPeriod period, Instant now, Locale locale) {
        this.period = period;
        this.now = now;
        this.text = new ReportTexts(locale);
    }

    List<IndicatorScore> score(IndexRules rules, List<DossierFacts> facts, List<ProcedureFacts> procedures) {
        // The denominators most rules share, filtered once rather than per rule.
        List<DossierFacts> received = facts.stream().filter(f -> f.receivedIn(period)).toList();
        List<DossierFacts> finished = facts.stream().filter(f -> f.finishedBy(period) && !f.isStop()).toList();
        List<IndicatorScore> out = new ArrayList<>();
        for (IndexRules.Rule rule : rules.rules()) {
            out.add(score(rule, facts, received, finished, procedures));
        }
        return out;
    }

    private IndicatorScore score(IndexRules.Rule rule, List<DossierFacts> facts, List<DossierFacts> received, List<DossierFacts> finished,
            List<ProcedureFacts> procedures) {
        return switch (rule.measure()) {
            case ON_TIME -> dossiers(rule, counted(facts), f -> !f.late(period, now), this::lateReason);
            case SATISFACTION -> satisfaction(rule, counted(facts));
            case ONLINE_DOSSIERS -> dossiers(rule, received, f -> f.channel() == Channel.ONLINE, f -> text.get("culprit.notOnline"));
            case ONLINE_PAYMENT -> dossiers(rule, received.stream().filter(f -> f.feeVnd() > 0).toList(), DossierFacts::paidOnline,
                    f -> text.get("culprit.notPaidOnline"));
            case ELECTRONIC_RESULT -> dossiers(rule, finished, DossierFacts::electronicResult, f -> text.get("culprit.noElectronicResult"));
            case DIGITISED -> dossiers(rule, finished, f -> f.digitised() && f.electronicResult(),
                    f -> text.get(f.digitised() ? "culprit.noElectronicResult" : "culprit.notDigitised"));
            case REUSED -> dossiers(rule, received, DossierFacts::reused, f -> text.get("culprit.notReused"));
            case NATIONAL_STORE -> dossiers(rule, received, DossierFacts::fromNationalStore, f -> text.get("culprit.notFromNationalStore"));
            case ONLINE_PROCEDURES -> procedures(rule, procedures, ProcedureFacts::online, text.get("culprit.noOnlineService"));
            case ONLINE_PROCEDURES_USED -> {
                Set<String> used = new HashSet<>();
                for (DossierFacts f : received) {
                    if (f.channel() == Channel.ONLINE) {
                        used.add(f.procedureCode());
                    }
                }
                yield procedures(rule, procedures.stream().filter(ProcedureFacts::online).toList(), p -> used.contains(p.code()),
                        text.get("culprit.noOnlineDossier"));
            }
            case PORTAL_ONLY -> new IndicatorScore(rule, 0, 0, null, List.of());
        };
    }

    private IndicatorScore dossiers(IndexRules.Rule rule, List<DossierFacts> denominator, Predicate<DossierFacts> counts,
            java.util.function.Function<DossierFacts, String> why) {
        long n = 0;
        List<Culprit> culprits = new ArrayList<>();
        for (DossierFacts f : denominator) {
            if (counts.test(f)) {
                n++;
            } else {
                culprits.add(new Culprit(f.code(), f.procedureName(), why.apply(f)));
            }
        }
        return new IndicatorScore(rule, n, denominator.size(), points(rule, n, denominator.size()), culprits);
    }

    private IndicatorScore procedures(IndexRules.Rule rule, List<ProcedureFacts> denominator, Predicate<ProcedureFacts> counts, String why) {
        long n = 0;
        List<Culprit> culprits = new ArrayList<>();
        for (ProcedureFacts p : denominator) {
            if (counts.test(p)) {
                n++;
            } else {
                culprits.add(new Culprit(p.code(), p.name(), why));
            }
        }
        return new IndicatorScore(rule, n, denominator.size(), points(rule, n, denominator.size()), culprits);
    }

    /** The dossiers the on-time rate counts: all but the withdrawn. */
    private static List<DossierFacts> counted(List<DossierFacts> facts) {
        return facts.stream().filter(f -> f.status() != vn.motcua.core.model.DossierStatus.WITHDRAWN).toList();
    }

    /**
     * 5.4: 100 % − (overdue rate + rate of dissatisfied applicants), both over the dossiers the on-time rate counts;
     * a dossier both late and rated dissatisfied counts twice, as the two rates add up in the national formula.
     */
    private IndicatorScore satisfaction(IndexRules.Rule rule, List<DossierFacts> denominator) {
        long late = 0;
        long unhappy = 0;
        List<Culprit> culprits = new ArrayList<>();
        for (DossierFacts f : denominator) {
            if (f.late(period, now)) {
                late++;
                culprits.add(new Culprit(f.code(), f.procedureName(), lateReason(f)));
            }
            if (f.dissatisfied()) {
                unhappy++;
                culprits.add(new Culprit(f.code(), f.procedureName(), text.get("culprit.dissatisfied")));
            }
        }
        long n = Math.max(0, denominator.size() - late - unhappy);
        return new IndicatorScore(rule, n, denominator.size(), points(rule, n, denominator.size()), culprits);
    }

    private String lateReason(DossierFacts f) {
        if (f.supplementRequests() > 1) {
            return text.get("culprit.supplements", f.supplementRequests());
        }
        return text.get(f.finishedBy(period) ? "culprit.finishedLate" : "culprit.overdue", f.daysLate(period, now));
    }

    /** Full points at or above the threshold, in proportion below it; without a threshold, in proportion to the rate. */
    static Double points(IndexRules.Rule rule, long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        double rate = 100.0 * numerator / denominator;
        double full = rule.fullAtPercent() == null ? 100.0 : rule.fullAtPercent();
        double p = rate >= full ? rule.maxPoints() : rule.maxPoints() * rate / full;
        return Math.round(p * 100) / 100.0;
    }
}
