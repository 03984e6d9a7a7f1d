package vn.motcua.store.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Applicant;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.OrganisationApplicant;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Role;
import vn.motcua.core.text.VietnameseText;
import vn.motcua.store.internal.entity.FeePaymentRow;
import vn.motcua.store.internal.entity.AgencyEntity;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.DossierEventEntity;
import vn.motcua.store.internal.entity.ProcedureChannelRow;
import vn.motcua.store.internal.entity.ProcedureEntity;
import vn.motcua.store.internal.entity.ReceivedPaperRow;
import vn.motcua.store.internal.entity.RequiredDocumentRow;
import vn.motcua.store.internal.search.SearchTokens;

/** Domain model ↔ rows. Kept in one place so the schema and the model can evolve independently. */
public final class Mapping {
    static final String PERSON = "PERSON";
    static final String ORGANISATION = "ORGANISATION";

    private Mapping() {
    }

    public static AgencyEntity toEntity(Agency a) {
        AgencyEntity e = new AgencyEntity();
        e.code = a.code();
        e.name = a.name();
        e.level = a.level().name();
        e.parentCode = a.parentCode();
        return e;
    }

    public static Agency toModel(AgencyEntity e) {
        return new Agency(e.code, e.name, Level.valueOf(e.level), e.parentCode);
    }

    public static void fill(ProcedureEntity e, Procedure p) {
        e.code = p.code();
        e.version = p.version();
        e.name = VietnameseText.clean(p.name());
        e.fieldName = VietnameseText.clean(p.fieldName());
        e.level = p.level().name();
        e.cutoffTime = p.cutOffTime();
        e.legalBasis = String.join("\n", p.legalBasis());
        e.implementingAgency = p.implementingAgency();
        e.onlineLevel = p.onlineLevel().name();
        e.active = p.active();
        e.effectiveDate = p.effectiveDate();
        e.searchText = VietnameseText.fold(p.code() + " " + p.name() + " " + p.fieldName());
        // Only ever added to: a dossier keeps the words of the name its procedure had when it was written (in its
        // search_text) until it is written again, so a renamed procedure must still lead the search to it; the
        // candidates are re-checked on search_text, so a word of a former name finds no more than before.
        e.searchTokens.addAll(SearchTokens.ofProcedure(e.code, e.name));
        e.requiredDocuments.clear();
        for (RequiredDocument d : p.requiredDocuments()) {
            RequiredDocumentRow r = new RequiredDocumentRow();
            r.docId = d.id();
            r.name = d.name();
            r.kind = d.kind().name();
            r.copies = d.count();
            r.optional = d.optional();
            e.requiredDocuments.add(r);
        }
        e.channels.clear();
        for (Channel c : Channel.values()) {
            ProcessingTime t = p.processingTimes().get(c);
            Fee f = p.fees().get(c);
            if (t == null && f == null) {
                continue;
            }
            ProcedureChannelRow r = new ProcedureChannelRow();
            if (t != null) {
                r.processingAmount = t.amount();
                r.processingUnit = t.unit() == null ? null : t.unit().name();
                r.processingText = t.originalText();
            } else {
                r.processingText = "";
            }
            r.feeVnd = f == null ? null : f.amountVnd();
            r.feeText = f == null ? "" : f.originalText();
            e.channels.put(c.name(), r);
        }
    }

    public static Procedure toModel(ProcedureEntity e) {
        Map<Channel, ProcessingTime> times = new EnumMap<>(Channel.class);
        Map<Channel, Fee> fees = new EnumMap<>(Channel.class);
        e.channels.forEach((channel, r) -> {
            Channel c = Channel.valueOf(channel);
            if (r.processingUnit != null || !r.processingText.isEmpty()) {
                times.put(c, new ProcessingTime(r.processingAmount,
                        r.processingUnit == null ? null : DurationUnit.valueOf(r.processingUnit), r.processingText));
            }
            if (r.feeVnd != null || !r.feeText.isEmpty()) {
                fees.put(c, new Fee(r.feeVnd, r.feeText));
            }
        });
        List<RequiredDocument> docs = new ArrayList<>();
        for (RequiredDocumentRow r : e.requiredDocuments) {
            docs.add(new RequiredDocument(r.docId, r.name, PaperKind.valueOf(r.kind), r.copies, r.optional));
        }
        List<String> basis = e.legalBasis.isEmpty() ? List.of() : List.of(e.legalBasis.split("\n"));
        return new Procedure(e.code, e.name, e.fieldName, Level.valueOf(e.level), times, e.cutoffTime, fees, docs, basis,
                e.implementingAgency, OnlineLevel.valueOf(e.onlineLevel), e.active, e.version, e.effectiveDate);
    }

    /** Copies the dossier's current state onto {@code e} (events are appended separately). */
    public static void fill(DossierEntity e, Dossier d, String procedureName) {
        e.code = d.code();
        e.agencyCode = d.agencyCode();
        e.procedureCode = d.procedureCode();
        e.procedureVersion = d.procedureVersion();
        e.rulePack = d.rulePackId();
        e.channel = d.channel().name();
        Applicant a = d.applicant();
        if (a instanceof PersonApplicant p) {
            e.applicantKind = PERSON;
            e.applicantName = VietnameseText.clean(p.fullName());
            e.applicantIdNumber = p.citizenId();
            e.applicantBirth = p.dateOfBirth();
            e.applicantPhone = p.phone();
            e.applicantEmail = p.email();
            e.applicantAddress = p.address();
        } else if (a instanceof OrganisationApplicant o) {
            e.applicantKind = ORGANISATION;
            e.applicantName = VietnameseText.clean(o.name());
            e.applicantIdNumber = o.taxCode();
            e.applicantBirth = null;
            e.applicantPhone = o.phone();
            e.applicantEmail = o.email();
            e.applicantAddress = o.address();
            e.applicantRepresentative = o.representative();
        }
        e.status = d.status().name();
        e.receivedAt = d.receivedAt();
        e.dueAt = d.dueAt();
        e.assignee = d.assignee();

        Set<String> indexed = SearchTokens.indexedOfDossier(d.code(), e.applicantName, e.applicantIdNumber, e.applicantPhone);
        // Changed in place so EclipseLink writes only the difference (usually none: a status change keeps every token;
        // the first write of a dossier stored before schema 11 drops its procedure rows).
        e.searchTokens.retainAll(indexed);
        e.searchTokens.addAll(indexed);
        // search_text keeps the procedure's code and name: the SQL search checks its candidates there, and the
        // dossier list memory reads its tokens from it.
        e.searchText = SearchTokens.searchText(SearchTokens.ofDossier(d.code(), e.applicantName, e.applicantIdNumber, e.applicantPhone,
                d.procedureCode(), procedureName));
        e.papers.clear();
        for (ReceivedPaper p : d.papers()) {
            ReceivedPaperRow r = new ReceivedPaperRow();
            r.docId = p.requiredDocumentId();
            r.copies = p.count();
            r.kind = p.kind().name();
            r.digitised = p.digitised();
            r.reused = p.reused();
            r.fromNationalStore = p.fromNationalStore();
            e.papers.add(r);
        }
        Delivery delivery = d.delivery();
        e.deliveryMethod = delivery == null ? null : delivery.method().name();
        e.deliveryAddress = delivery == null ? null : delivery.address();
        e.deliveredAt = delivery == null ? null : delivery.deliveredAt();
        e.deliveryRecipient = delivery == null ? null : delivery.recipientName();
        e.deliverySatisfaction = delivery == null || delivery.satisfaction() == null ? null : delivery.satisfaction().name();
        e.finishedAt = finishedAt(d);
        e.lookupSecretHash = d.lookupSecretHash();
        // Payments are only ever appended: rewrite the collection only when it differs.
        if (e.feesPaid.size() != d.feesPaid().size()) {
            e.feesPaid.clear();
            for (FeePayment p : d.feesPaid()) {
                FeePaymentRow r = new FeePaymentRow();
                r.name = p.name();
                r.amountVnd = p.amountVnd();
                r.paidAt = p.paidAt();
                r.receiptNumber = p.receiptNumber();
                r.online = p.online();
                e.feesPaid.add(r);
            }
        }
    }

    /** End of processing as Decision 766 counts it: the first event into result-ready, delivered or a final stop. */
    public static Instant finishedAt(Dossier d) {
        for (DossierEvent ev : d.events()) {
            switch (ev.toStatus()) {
                case RESULT_READY, DELIVERED, REFUSED, STOPPED, RETURNED, WITHDRAWN -> {
                    return ev.at();
                }
                default -> {
                }
            }
        }
        return null;
    }

    public static DossierEventEntity toEntity(DossierEvent ev, DossierEntity owner) {
        DossierEventEntity e = new DossierEventEntity();
        e.dossier = owner;
        e.seq = (int) ev.sequence();
        e.action = ev.action().name();
        e.fromStatus = ev.fromStatus() == null ? null : ev.fromStatus().name();
        e.toStatus = ev.toStatus().name();
        e.actor = ev.actorUsername();
        e.actorRole = ev.actorRole().name();
        e.workstation = ev.workstationId();
        e.at = ev.at();
        e.reason = ev.reason();
        e.form = ev.formNumber();
        e.assignee = ev.assignee();
        e.newDueAt = ev.newDueAt();
        e.targetAgency = ev.targetAgencyCode();
        return e;
    }

    public static DossierEvent toModel(DossierEventEntity x) {
        return new DossierEvent(x.seq, DossierAction.valueOf(x.action), x.fromStatus == null ? null : DossierStatus.valueOf(x.fromStatus),
                DossierStatus.valueOf(x.toStatus), x.actor, Role.valueOf(x.actorRole), x.workstation, x.at, x.reason, x.form,
                x.assignee, x.newDueAt, x.targetAgency);
    }

    public static Dossier toModel(DossierEntity e) {
        Applicant applicant = ORGANISATION.equals(e.applicantKind)
                ? new OrganisationApplicant(e.applicantName, e.applicantIdNumber, e.applicantRepresentative, e.applicantAddress, e.applicantPhone,
                        e.applicantEmail)
                : new PersonApplicant(e.applicantName, e.applicantBirth, e.applicantIdNumber, e.applicantAddress,
                        e.applicantPhone, e.applicantEmail);
        List<ReceivedPaper> papers = new ArrayList<>();
        for (ReceivedPaperRow r : e.papers) {
            papers.add(new ReceivedPaper(r.docId, r.copies, PaperKind.valueOf(r.kind), r.digitised, r.reused, r.fromNationalStore));
        }
        List<DossierEvent> events = new ArrayList<>();
        for (DossierEventEntity x : e.events) {
            events.add(toModel(x));
        }
        List<FeePayment> fees = new ArrayList<>();
        for (FeePaymentRow r : e.feesPaid) {
            fees.add(new FeePayment(r.name, r.amountVnd, r.paidAt, r.receiptNumber, r.online));
        }
        Delivery delivery = e.deliveryMethod == null ? null
                : new Delivery(DeliveryMethod.valueOf(e.deliveryMethod), e.deliveryAddress, e.deliveredAt, e.deliveryRecipient,
                        e.deliverySatisfaction == null ? null : vn.motcua.core.model.Satisfaction.valueOf(e.deliverySatisfaction));
        return new Dossier(e.code, e.procedureCode, e.procedureVersion, e.rulePack, Channel.valueOf(e.channel), applicant, papers,
                e.receivedAt, e.dueAt, DossierStatus.valueOf(e.status), e.assignee, e.agencyCode, events, List.of(), List.of(),
                fees, delivery, e.lookupSecretHash);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
