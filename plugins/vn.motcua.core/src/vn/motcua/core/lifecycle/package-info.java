/**
 * MộtCửa core: the dossier lifecycle. Plain Java, no SWT/JDBC/e4; deterministic (time is an argument) so the
 * server re-validates synced commands with the same code.
 *
 * <pre>
 * action              from                                             to                   roles             reason form
 * RECEIVE             DRAFT, SUBMITTED_ONLINE, SUPPLEMENT_RECEIVED*    RECEIVED             CLERK             -      RECEIPT
 * REFUSE              DRAFT, SUBMITTED_ONLINE, SUPPLEMENT_RECEIVED*    REFUSED              CLERK             yes    REFUSAL
 * REQUEST_SUPPLEMENT  DRAFT, SUBMITTED_ONLINE, RECEIVED, ASSIGNED,     AWAITING_SUPPLEMENT  CLERK, SPECIALIST yes    SUPPLEMENT_REQUEST
 *                     IN_PROCESS, SUPPLEMENT_RECEIVED                                                                (warns from the 2nd)
 * RECEIVE_SUPPLEMENT  AWAITING_SUPPLEMENT                              SUPPLEMENT_RECEIVED  CLERK, SPECIALIST -      -
 * ASSIGN              RECEIVED, ASSIGNED, IN_PROCESS                   ASSIGNED             CLERK, HEAD       -      -
 * START_PROCESSING    ASSIGNED, SUPPLEMENT_RECEIVED**, TRANSFERRED     IN_PROCESS           SPECIALIST (the assignee)
 * REQUEST_PAYMENT     IN_PROCESS                                       AWAITING_PAYMENT     SPECIALIST        -      -
 * CONFIRM_PAYMENT     AWAITING_PAYMENT                                 IN_PROCESS           CLERK, SPECIALIST -      -
 * SUBMIT_FOR_APPROVAL IN_PROCESS                                       PENDING_APPROVAL     SPECIALIST        -      -
 * APPROVE             PENDING_APPROVAL                                 APPROVED             HEAD              -      -
 * SEND_BACK           PENDING_APPROVAL                                 IN_PROCESS           HEAD              yes    -
 * ISSUE               APPROVED                                         ISSUED               CLERK, HEAD       -      -
 * RETURN_DOSSIER      RECEIVED, ASSIGNED, IN_PROCESS,                  RETURNED             SPECIALIST, HEAD  yes    -
 *                     SUPPLEMENT_RECEIVED**, PENDING_APPROVAL
 * TRANSFER            ASSIGNED, IN_PROCESS                             TRANSFERRED          SPECIALIST, HEAD  -      -
 * STOP                every open state after reception                 STOPPED              SPECIALIST, HEAD  yes    STOP_NOTICE (2025 only)
 * WITHDRAW            SUBMITTED_ONLINE and every open state            WITHDRAWN            CLERK             yes    -
 * MARK_RESULT_READY   ISSUED                                           RESULT_READY         CLERK             -      -
 * DELIVER_RESULT      RESULT_READY                                     DELIVERED            CLERK             -      -
 * EXTEND              RECEIVED..ISSUED, TRANSFERRED (not paused)       (unchanged)          SPECIALIST, HEAD  yes    APOLOGY_EXTENSION
 *                     once, strictly before dueAt
 * </pre>
 * * only while the dossier was never received (supplement at reception); ** only once received.
 * Every action also requires the actor to hold the role and to belong to the dossier's agency.
 */
package vn.motcua.core.lifecycle;
