package vn.motcua.app.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.eclipse.swt.graphics.Color;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.DossierStatus;

/** One look for deadlines on every screen that lists dossiers: red overdue, amber due soon, green on time. */
public final class DeadlineColours {
    /** How long before its due time a running dossier counts as due soon. */
    public static final Duration DUE_SOON = Duration.ofHours(24);
    public static final Map<DeadlineClass, Color> COLOURS = Map.of(DeadlineClass.OVERDUE, new Color(0xB7, 0x1C, 0x1C), DeadlineClass.DUE_SOON,
            new Color(0xA0, 0x5A, 0x00), DeadlineClass.ON_TIME, new Color(0x2E, 0x7D, 0x32));

    private DeadlineColours() {
    }

    /** The dossier's deadline class at {@code now} (null when its clock has stopped for good). */
    public static DeadlineClass classOf(DossierStatus status, Instant dueAt, Instant now) {
        return DeadlineClass.of(status, dueAt, now, now.plus(DUE_SOON));
    }

    /** The colour of a deadline class; null for none. */
    public static Color of(DeadlineClass c) {
        return c == null ? null : COLOURS.get(c);
    }
}
