package vn.motcua.desk;

import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * {@link DeskEvents} on the OSGi event admin: each change is posted (asynchronously) under {@link DeskEvents#TOPIC}
 * with the change as the e4 event broker's data property, so a screen's {@code @UIEventTopic} handler receives it.
 */
public final class EventAdminDeskEvents implements DeskEvents {
    /** The property the e4 event broker reads an event's data from ({@code IEventBroker.DATA}). */
    static final String E4_DATA = "org.eclipse.e4.data";
    private final EventAdmin events;

    public EventAdminDeskEvents(EventAdmin events) {
        this.events = events;
    }

    @Override
    public void changed(DossierChange change) {
        events.postEvent(new Event(TOPIC, Map.of(E4_DATA, change)));
    }
}
