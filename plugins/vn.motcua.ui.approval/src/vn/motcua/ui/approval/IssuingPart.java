package vn.motcua.ui.approval;

import java.util.Locale;

import org.eclipse.e4.core.services.events.IEventBroker;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.LocalCache;

/**
 * The records clerk's screen (văn thư): approved dossiers whose result the head signed, to be numbered and sealed
 * with the organisation's signature — the same flow as the head's inbox (one PIN, certificate, progress, results).
 */
public class IssuingPart extends ApprovalPart {
    @Inject
    public IssuingPart(LocalCache cache, vn.motcua.desk.Approvals approvals, @Named(org.eclipse.e4.core.services.translation.TranslationService.LOCALE) Locale locale, UserSession session,
            @org.eclipse.e4.core.di.annotations.Optional IEventBroker broker,
            @org.eclipse.e4.core.di.annotations.Optional vn.motcua.sync.SyncJob sync) {
        super(Mode.ISSUE, cache, approvals, locale, session, broker, sync);
    }
}
