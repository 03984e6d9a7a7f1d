package vn.motcua.core.lifecycle;

import java.util.List;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;

/**
 * Rebuilds the command behind a recorded event, so a change made offline can be replayed — and so re-validated
 * — elsewhere (the sync server applies it to its own copy of the dossier with the same {@link Lifecycle}).
 * Everything a command carries is in the event, except what it appended to the dossier (a fee payment, a
 * result document, the delivery, a receipt's hashed lookup secret, the papers a supplement brought), which is read from the dossier right after the event.
 */
public final class Commands {
    private Commands() {
    }

    /**
     * @param event the event, as {@link Lifecycle#apply} produced it
     * @param after the dossier just after that event (its history ends with {@code event})
     */
    public static Command replay(DossierEvent event, Dossier after) {
        String reason = event.reason() == null ? "" : event.reason();
        // A code travels only with the reception steps that may give a counter draft its number.
        String code = after.code();
        return switch (event.action()) {
            case RECEIVE -> new Command.Receive(code, event.newDueAt(), after.lookupSecretHash());
            case REFUSE -> new Command.Refuse(reason, code);
            case REQUEST_SUPPLEMENT -> new Command.RequestSupplement(reason, code);
            case RECEIVE_SUPPLEMENT -> new Command.ReceiveSupplement(event.newDueAt(), after.papers());
            case ASSIGN -> new Command.Assign(event.assignee());
            case START_PROCESSING -> new Command.StartProcessing();
            case REQUEST_PAYMENT -> new Command.RequestPayment(reason);
            case CONFIRM_PAYMENT -> new Command.ConfirmPayment(last(after.feesPaid()));
            case SUBMIT_FOR_APPROVAL -> new Command.SubmitForApproval();
            case APPROVE -> new Command.Approve();
            case SEND_BACK -> new Command.SendBack(reason);
            case ISSUE -> new Command.Issue(last(after.results()));
            case RETURN_DOSSIER -> new Command.ReturnDossier(reason);
            case TRANSFER -> new Command.Transfer(event.targetAgencyCode(), reason);
            case STOP -> new Command.Stop(reason);
            case WITHDRAW -> new Command.Withdraw(reason);
            case MARK_RESULT_READY -> new Command.MarkResultReady();
            case DELIVER_RESULT -> new Command.DeliverResult(after.delivery());
            case EXTEND -> new Command.Extend(event.newDueAt(), reason);
            case SUBMIT_ONLINE -> throw new IllegalArgumentException("online submissions come from the portal, not from a command");
        };
    }

    private static <T> T last(List<T> list) {
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }
}
