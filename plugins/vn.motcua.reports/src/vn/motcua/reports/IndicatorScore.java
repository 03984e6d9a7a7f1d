package vn.motcua.reports;

import java.util.List;

/**
 * One indicator's result: the rate, the points it earns under the rules, and what pulled it down.
 *
 * @param points   null when nothing to count (no dossier in the denominator) or scored on the national portal only
 * @param culprits the dossiers (or procedures) counted in the denominator but not the numerator, with why
 */
public record IndicatorScore(IndexRules.Rule rule, long numerator, long denominator, Double points, List<Culprit> culprits) {
    public record Culprit(String code, String name, String reason) {
    }

    public IndicatorScore {
        culprits = List.copyOf(culprits);
    }

    /** The rate in percent, or null when there is nothing to count. */
    public Double percent() {
        return denominator == 0 ? null : 100.0 * numerator / denominator;
    }

    public boolean computed() {
        return points != null;
    }
}
