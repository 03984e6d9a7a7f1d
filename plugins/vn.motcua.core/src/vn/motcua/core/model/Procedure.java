package vn.motcua.core.model;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An administrative procedure (thủ tục hành chính) of the national catalogue, one version of it. Dossiers pin
 * {@code code} + {@code version}, so a later catalogue change never alters an old dossier.
 *
 * @param code                national code {@code N.NNNNNN}, optionally with a local suffix ({@code 1.012753.H19});
 *                            always a string — see {@code vn.motcua.core.code.ProcedureCode}
 * @param name                official name
 * @param fieldName           lĩnh vực, e.g. "Hộ tịch"
 * @param level               level of government that applies it
 * @param processingTimes     legal processing time per channel; a missing channel means not offered on it
 * @param cutOffTime          per-procedure cut-off ("after 15:00 → next working day"), null when none
 * @param fees                fee per channel
 * @param requiredDocuments   papers to bring, in catalogue order
 * @param legalBasis          căn cứ pháp lý, one entry per legal document
 * @param implementingAgency  cơ quan thực hiện, as text
 * @param onlineLevel         how far it can be done online
 * @param active              false once abolished (bãi bỏ) or replaced
 * @param version             catalogue version, increasing per code
 * @param effectiveDate       first day this version applies
 */
public record Procedure(String code, String name, String fieldName, Level level,
        Map<Channel, ProcessingTime> processingTimes, LocalTime cutOffTime, Map<Channel, Fee> fees,
        List<RequiredDocument> requiredDocuments, List<String> legalBasis, String implementingAgency,
        OnlineLevel onlineLevel, boolean active, int version, LocalDate effectiveDate) {

    public Procedure {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("blank procedure code");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(onlineLevel, "onlineLevel");
        fieldName = fieldName == null ? "" : fieldName;
        implementingAgency = implementingAgency == null ? "" : implementingAgency;
        processingTimes = immutableEnumMap(processingTimes);
        fees = immutableEnumMap(fees);
        requiredDocuments = requiredDocuments == null ? List.of() : List.copyOf(requiredDocuments);
        legalBasis = legalBasis == null ? List.of() : List.copyOf(legalBasis);
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        long distinctIds = requiredDocuments.stream().map(RequiredDocument::id).distinct().count();
        if (distinctIds != requiredDocuments.size()) {
            throw new IllegalArgumentException("duplicate required-document id in " + code);
        }
    }

    private static <V> Map<Channel, V> immutableEnumMap(Map<Channel, V> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        // EnumMap first so iteration follows the enum order, then an unmodifiable copy.
        return java.util.Collections.unmodifiableMap(new EnumMap<>(m));
    }

    public Optional<ProcessingTime> processingTime(Channel channel) {
        return Optional.ofNullable(processingTimes.get(channel));
    }

    public Optional<Fee> fee(Channel channel) {
        return Optional.ofNullable(fees.get(channel));
    }

    public Optional<LocalTime> cutOff() {
        return Optional.ofNullable(cutOffTime);
    }

    public Optional<RequiredDocument> requiredDocument(String id) {
        return requiredDocuments.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
