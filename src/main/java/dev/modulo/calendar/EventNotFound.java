package dev.modulo.calendar;

/** No such event or occurrence in this account (which is also what another account's ids get). */
public class EventNotFound extends RuntimeException {

    public EventNotFound() {
        super("No such event", null, false, false);
    }
}
