package vn.motcua.core.model;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Internal dossier states, richer than the national portal's ten codes ({@code TrangThaiHoSo}). Each state
 * carries its default national code; the rule pack's mapping table ({@code RulePack#nationalCode}) is the
 * authority when syncing, this is its default (identical in the 2018 and 2025 packs).
 */
public enum DossierStatus implements Localizable {
    /** Being entered at the counter, not yet received: never sent to the portal. */
    DRAFT(0),
    SUBMITTED_ONLINE(1),
    RECEIVED(2),
    REFUSED(3),
    ASSIGNED(4),
    IN_PROCESS(4),
    AWAITING_SUPPLEMENT(5),
    /** Papers came back; processing (or reception) resumes. The portal sees "in process". */
    SUPPLEMENT_RECEIVED(4),
    AWAITING_PAYMENT(6),
    PENDING_APPROVAL(4),
    APPROVED(4),
    /** Numbered and sealed, not yet back at the one-stop desk: still in process for the portal. */
    ISSUED(4),
    /** Handed to another agency of an inter-agency chain (liên thông). */
    TRANSFERRED(4),
    RESULT_READY(9),
    DELIVERED(10),
    WITHDRAWN(7),
    STOPPED(8),
    /** Returned by the processing agency as ineligible, with reasons; the portal knows it as "stopped". */
    RETURNED(8);

    private final int nationalCode;

    DossierStatus(int nationalCode) {
        this.nationalCode = nationalCode;
    }

    /** Default national portal code 1–10; empty for {@link #DRAFT}, which is never reported. */
    public OptionalInt nationalCode() {
        return nationalCode == 0 ? OptionalInt.empty() : OptionalInt.of(nationalCode);
    }

    /** No further lifecycle action is possible. */
    public boolean isFinal() {
        return switch (this) {
            case REFUSED, DELIVERED, WITHDRAWN, STOPPED, RETURNED -> true;
            default -> false;
        };
    }

    /**
     * The legal clock runs: received, not finished, not paused, result not yet ready (the national index
     * judges timeliness when the result is ready). Only these dossiers can be due soon or overdue.
     */
    public boolean isClockRunning() {
        return !isFinal() && !isPaused() && this != RESULT_READY && this != DRAFT && this != SUBMITTED_ONLINE;
    }

    /** Processing is paused (the national index subtracts or treats this time specially). */
    public boolean isPaused() {
        return this == AWAITING_SUPPLEMENT || this == AWAITING_PAYMENT;
    }

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
