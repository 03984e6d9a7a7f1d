package vn.motcua.forms;

import java.util.Optional;

import vn.motcua.core.model.DossierAction;
import vn.motcua.core.rules.FormKind;
import vn.motcua.core.rules.RulePack;
import vn.motcua.core.rules.RulePacks;

/**
 * Which paper a step of a dossier gives the applicant under the dossier's rule pack, as the number of its template
 * ({@code templates/<pack>/<number>.xml}). The annex forms come from the pack ({@link RulePack#form}); the 2018 pack
 * has no annex form for stopping or withdrawing, so those steps print the agency's own notice
 * ({@value #STOP_NOTICE_2018}, {@value #WITHDRAWAL_NOTICE_2018}) — never another form that happens to share a number
 * (05 is the control slip in 2018). Under the 2025 pack a withdrawal is the applicant's request to stop, which Form 05
 * answers.
 */
public final class LegalForms {
    /** The 2018 pack's stop notice (not an annex form of Circular 01/2018). */
    public static final String STOP_NOTICE_2018 = "TB-DUNG";
    /** The 2018 pack's notice confirming a withdrawal (not an annex form of Circular 01/2018). */
    public static final String WITHDRAWAL_NOTICE_2018 = "TB-RUT";

    private static final RulePacks PACKS = RulePacks.standard();

    private LegalForms() {
    }

    /** The template number of the paper {@code action} gives under pack {@code packId}; empty when it gives none. */
    public static Optional<String> forStep(DossierAction action, String packId) {
        RulePack pack = PACKS.byId(packId).orElseThrow(() -> new IllegalArgumentException("unknown rule pack " + packId));
        return switch (action) {
            case RECEIVE -> number(pack, FormKind.RECEIPT);
            case REFUSE -> number(pack, FormKind.REFUSAL);
            case REQUEST_SUPPLEMENT -> number(pack, FormKind.SUPPLEMENT_REQUEST);
            case EXTEND -> number(pack, FormKind.APOLOGY_EXTENSION);
            case STOP -> number(pack, FormKind.STOP_NOTICE).or(() -> Optional.of(STOP_NOTICE_2018));
            case WITHDRAW -> number(pack, FormKind.STOP_NOTICE).or(() -> Optional.of(WITHDRAWAL_NOTICE_2018));
            default -> Optional.empty();
        };
    }

    /** The control slip's number under a pack (06 in 2025, 05 in 2018). */
    public static String controlSlip(String packId) {
        return ProcessForms.controlSlip(packId);
    }

    private static Optional<String> number(RulePack pack, FormKind kind) {
        return pack.form(kind).map(f -> f.number());
    }
}
