package dev.modulo.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What a calendar page shows for a range of days, in the viewer's zone. {@code note} says when
 * the expansion was cut short (too many instances, or it took too long) or a rule could not be read.
 */
public record CalendarView(LocalDate from, LocalDate to, ZoneId zone, List<Occurrence> occurrences, String note) {

    /** The occurrences that show on {@code day}: all-day ones first, then by start. */
    public List<Occurrence> on(LocalDate day) {
        return occurrences.stream().filter(occurrence -> occurrence.isOn(day, zone)).toList();
    }

    public boolean truncated() {
        return note != null;
    }
}
