package dev.modulo.calendar;

import java.util.List;

/**
 * What an .ics import did: events added, events replaced (same UID as one already here), and each
 * event left out with the reason; {@code notes} are things kept but worth knowing (a time zone that
 * could not be recognised, a text cut short).
 */
public record ImportReport(int added, int updated, List<String> skipped, List<String> notes) {

    public int total() {
        return added + updated;
    }
}
