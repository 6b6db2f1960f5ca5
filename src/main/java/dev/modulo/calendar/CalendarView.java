package dev.modulo.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a calendar page shows for a range of days, in the viewer's zone. {@code note} says when
 * the expansion was cut short (too many instances, or it took too long) or a rule could not be read.
 * The occurrences are filed under each day they show on once, when the view is made: a month page
 * asks for 42 days, and looking each one up through all of a busy month's occurrences cost more
 * than the expansion itself.
 */
public final class CalendarView {

    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final List<Occurrence> occurrences;
    private final String note;
    private final Map<LocalDate, List<Occurrence>> byDay = new HashMap<>();

    /** {@code occurrences} in the order pages show them: all-day ones first, then by start. */
    CalendarView(LocalDate from, LocalDate to, ZoneId zone, List<Occurrence> occurrences, String note) {
        this.from = from;
        this.to = to;
        this.zone = zone;
        this.occurrences = List.copyOf(occurrences);
        this.note = note;
        for (Occurrence occurrence : this.occurrences) {
            LocalDate last = occurrence.lastDayIn(zone);
            LocalDate first = occurrence.firstDayIn(zone);
            for (LocalDate day = first.isBefore(from) ? from : first; !day.isAfter(last) && day.isBefore(to);
                    day = day.plusDays(1)) {
                byDay.computeIfAbsent(day, any -> new ArrayList<>()).add(occurrence);
            }
        }
        // A view is kept and shown to many requests (KeptViews): nothing in it may change.
        byDay.replaceAll((day, list) -> List.copyOf(list));
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Occurrence> occurrences() {
        return occurrences;
    }

    public String note() {
        return note;
    }

    /** The occurrences that show on {@code day} (a day of this view): all-day ones first, then by start. */
    public List<Occurrence> on(LocalDate day) {
        return byDay.getOrDefault(day, List.of());
    }

    public boolean truncated() {
        return note != null;
    }
}
