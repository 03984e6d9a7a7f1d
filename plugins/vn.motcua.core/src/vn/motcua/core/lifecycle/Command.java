package vn.motcua.core.lifecycle;

import java.time.Instant;

import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.ResultDocument;

/**
 * A request to change a dossier, as sent by the UI or replayed on the server from a sync. Commands carry
 * data only; the time and the actor are arguments of {@link Lifecycle#apply}. Due times are computed by the
 * calendar code beforehand and passed in, so the lifecycle never reads a clock.
 */
public sealed interface Command {
    DossierAction action();

    /** Reason or comment; mandatory for some actions ({@link TransitionRule#reasonRequired()}). */
    default String reason() {
        return "";
    }

    /**
     * @param code             the dossier code to assign when the dossier has none yet (a counter draft), else null
     * @param dueAt            appointment; null when the procedure has no due date
     * @param lookupSecretHash the hashed lookup secret printed on the receipt ({@code LookupSecret.hash}); null when no
     *                         receipt with a secret is given (the dossier keeps the one it had)
     */
    record Receive(String code, Instant dueAt, String lookupSecretHash) implements Command {
        public Receive(String code, Instant dueAt) {
            this(code, dueAt, null);
        }

        public DossierAction action() {
            return DossierAction.RECEIVE;
        }
    }

    /** @param code as for {@link Receive}: a refused counter dossier is still recorded in the ledger */
    record Refuse(String reason, String code) implements Command {
        public DossierAction action() {
            return DossierAction.REFUSE;
        }
    }

    /** @param code as for {@link Receive}, when the supplement is requested at the counter */
    record RequestSupplement(String reason, String code) implements Command {
        public DossierAction action() {
            return DossierAction.REQUEST_SUPPLEMENT;
        }
    }

    /**
     * @param newDueAt the due time after the pause, per the sector's policy; null keeps the current one
     * @param papers   the papers the dossier holds now the supplement came (what was asked for, added); null keeps them
     */
    record ReceiveSupplement(Instant newDueAt, java.util.List<vn.motcua.core.model.ReceivedPaper> papers) implements Command {
        public ReceiveSupplement(Instant newDueAt) {
            this(newDueAt, null);
        }

        public DossierAction action() {
            return DossierAction.RECEIVE_SUPPLEMENT;
        }
    }

    record Assign(String assignee) implements Command {
        public DossierAction action() {
            return DossierAction.ASSIGN;
        }
    }

    /** Appraise: the specialist starts (or resumes) processing. */
    record StartProcessing() implements Command {
        public DossierAction action() {
            return DossierAction.START_PROCESSING;
        }
    }

    /** @param reason what must be paid (optional text) */
    record RequestPayment(String reason) implements Command {
        public DossierAction action() {
            return DossierAction.REQUEST_PAYMENT;
        }
    }

    record ConfirmPayment(FeePayment payment) implements Command {
        public DossierAction action() {
            return DossierAction.CONFIRM_PAYMENT;
        }
    }

    record SubmitForApproval() implements Command {
        public DossierAction action() {
            return DossierAction.SUBMIT_FOR_APPROVAL;
        }
    }

    record Approve() implements Command {
        public DossierAction action() {
            return DossierAction.APPROVE;
        }
    }

    /** The head returns the dossier to the specialist with a comment. */
    record SendBack(String reason) implements Command {
        public DossierAction action() {
            return DossierAction.SEND_BACK;
        }
    }

    record Issue(ResultDocument result) implements Command {
        public DossierAction action() {
            return DossierAction.ISSUE;
        }
    }

    record ReturnDossier(String reason) implements Command {
        public DossierAction action() {
            return DossierAction.RETURN_DOSSIER;
        }
    }

    record Transfer(String targetAgencyCode, String reason) implements Command {
        public DossierAction action() {
            return DossierAction.TRANSFER;
        }
    }

    record Stop(String reason) implements Command {
        public DossierAction action() {
            return DossierAction.STOP;
        }
    }

    record Withdraw(String reason) implements Command {
        public DossierAction action() {
            return DossierAction.WITHDRAW;
        }
    }

    record MarkResultReady() implements Command {
        public DossierAction action() {
            return DossierAction.MARK_RESULT_READY;
        }
    }

    /** @param delivery how and to whom; {@code deliveredAt} null = the command's time */
    record DeliverResult(Delivery delivery) implements Command {
        public DossierAction action() {
            return DossierAction.DELIVER_RESULT;
        }
    }

    /** Apology and extension (Form 04): once per dossier, before the due time passes. */
    record Extend(Instant newDueAt, String reason) implements Command {
        public DossierAction action() {
            return DossierAction.EXTEND;
        }
    }
}
