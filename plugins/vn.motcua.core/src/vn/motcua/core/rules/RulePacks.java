package vn.motcua.core.rules;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.motcua.core.model.DossierStatus;

/**
 * The known rule packs: Decree 61/2018 + Circular 01/2018/TT-VPCP for dossiers received before 01/07/2025,
 * Decree 118/2025 + Circular 03/2025/TT-VPCP from then on (the default). Built from the code tables below;
 * an instance is immutable, so client and server can share one.
 */
public final class RulePacks {
    /** First reception day of the 2025 pack (Decree 118/2025/NĐ-CP applies from 01/07/2025). */
    public static final LocalDate CUTOVER_2025 = LocalDate.of(2025, 7, 1);
    public static final String ID_2018 = "2018";
    public static final String ID_2025 = "2025";
    /** Time zone of all desks: reception dates and rule-pack choice are taken here. */
    public static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String CODE_FORMAT = "{agency}-{yyMMdd}-{NNNN}";

    private final List<RulePack> packs;

    private RulePacks(List<RulePack> packs) {
        this.packs = List.copyOf(packs);
    }

    /** The built-in packs 2018 and 2025. */
    public static RulePacks standard() {
        return new RulePacks(List.of(pack2018(), pack2025()));
    }

    public List<RulePack> all() {
        return packs;
    }

    public Optional<RulePack> byId(String id) {
        return packs.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The pack for a dossier received on {@code receptionDate} (a date at the desk, Asia/Ho_Chi_Minh). Dates
     * before the earliest pack fall back to it: older dossiers imported from legacy systems still need forms.
     */
    public RulePack forReceptionDate(LocalDate receptionDate) {
        java.util.Objects.requireNonNull(receptionDate, "receptionDate");
        return packs.stream().filter(p -> p.appliesTo(receptionDate)).findFirst()
                .orElseGet(() -> packs.stream().min(java.util.Comparator.comparing(RulePack::effectiveFrom))
                        .filter(p -> receptionDate.isBefore(p.effectiveFrom()))
                        .orElseThrow(() -> new IllegalArgumentException("no rule pack for " + receptionDate)));
    }

    /** The pack for a dossier received at {@code receivedAt}: the date is taken at the desk, in Vietnam (UTC+7). */
    public RulePack forReceptionTime(java.time.Instant receivedAt) {
        return forReceptionDate(receivedAt.atZone(VIETNAM).toLocalDate());
    }

    /** The default national status mapping, taken from {@link DossierStatus#nationalCode()}. */
    static Map<DossierStatus, Integer> defaultStatusMapping() {
        Map<DossierStatus, Integer> m = new EnumMap<>(DossierStatus.class);
        for (DossierStatus s : DossierStatus.values()) {
            s.nationalCode().ifPresent(c -> m.put(s, c));
        }
        return m;
    }

    static RulePack pack2018() {
        return new RulePack(ID_2018, LocalDate.of(2018, 6, 21), CUTOVER_2025.minusDays(1), List.of(
                new FormDefinition(FormKind.RECEIPT, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
                        "Receipt and appointment slip"),
                new FormDefinition(FormKind.SUPPLEMENT_REQUEST, "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
                        "Request to supplement the dossier"),
                new FormDefinition(FormKind.REFUSAL, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
                        "Refusal to receive the dossier"),
                new FormDefinition(FormKind.APOLOGY_EXTENSION, "04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
                        "Apology and new appointment"),
                new FormDefinition(FormKind.CONTROL_SLIP, "05", "Phiếu kiểm soát quá trình giải quyết hồ sơ",
                        "Process control slip"),
                new FormDefinition(FormKind.LEDGER, "06", "Sổ theo dõi hồ sơ", "Dossier ledger")),
                defaultStatusMapping(), CODE_FORMAT,
                List.of("Nghị định 61/2018/NĐ-CP", "Nghị định 107/2021/NĐ-CP", "Thông tư 01/2018/TT-VPCP"));
    }

    static RulePack pack2025() {
        return new RulePack(ID_2025, CUTOVER_2025, null, List.of(
                new FormDefinition(FormKind.RECEIPT, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
                        "Receipt and appointment slip"),
                new FormDefinition(FormKind.SUPPLEMENT_REQUEST, "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
                        "Request to supplement the dossier"),
                new FormDefinition(FormKind.REFUSAL, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
                        "Refusal to receive the dossier"),
                new FormDefinition(FormKind.APOLOGY_EXTENSION, "04",
                        "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
                        "Apology and request to extend the processing time"),
                new FormDefinition(FormKind.STOP_NOTICE, "05", "Thông báo dừng giải quyết hồ sơ",
                        "Notice of stopping the processing"),
                new FormDefinition(FormKind.CONTROL_SLIP, "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ",
                        "Process control slip"),
                new FormDefinition(FormKind.LEDGER, "07", "Sổ theo dõi hồ sơ", "Dossier ledger")),
                defaultStatusMapping(), CODE_FORMAT,
                List.of("Nghị định 118/2025/NĐ-CP", "Nghị định 367/2025/NĐ-CP", "Thông tư 03/2025/TT-VPCP"));
    }
}
