package vn.motcua.core.rules;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import vn.motcua.core.model.DossierStatus;

/**
 * The rules in force for dossiers received in a period: forms, status mapping to the national codes, dossier
 * code format and the legal texts. Immutable data; a dossier pins its pack id at reception.
 *
 * @param id                 "2025", "2018"
 * @param effectiveFrom      first reception date the pack applies to
 * @param effectiveUntil     last reception date, null when open-ended
 * @param statusMapping      internal state → national code 1–10; states absent are never reported
 * @param dossierCodeFormat  human description of the code layout, e.g. {@code {agency}-{yyMMdd}-{NNNN}}
 */
public record RulePack(String id, LocalDate effectiveFrom, LocalDate effectiveUntil, List<FormDefinition> forms,
        Map<DossierStatus, Integer> statusMapping, String dossierCodeFormat, List<String> legalReferences) {

    public RulePack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        forms = List.copyOf(forms);
        statusMapping = java.util.Collections.unmodifiableMap(new EnumMap<>(statusMapping));
        legalReferences = List.copyOf(legalReferences);
        Objects.requireNonNull(dossierCodeFormat, "dossierCodeFormat");
        for (int code : statusMapping.values()) {
            if (code < 1 || code > 10) {
                throw new IllegalArgumentException("national codes are 1–10: " + code);
            }
        }
        if (forms.stream().map(FormDefinition::kind).distinct().count() != forms.size()) {
            throw new IllegalArgumentException("one form per kind in pack " + id);
        }
    }

    public Optional<FormDefinition> form(FormKind kind) {
        return forms.stream().filter(f -> f.kind() == kind).findFirst();
    }

    public OptionalInt nationalCode(DossierStatus status) {
        Integer c = statusMapping.get(status);
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    /** Whether a dossier received on {@code date} falls under this pack. */
    public boolean appliesTo(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveUntil == null || !date.isAfter(effectiveUntil));
    }
}
