package dev.modulo.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One appearance of an event on the calendar: a single event, one instance of a series, or the
 * override that replaced an instance. {@code key} names the instance within its series (its
 * original start, as in RECURRENCE-ID); it is null for a single event.
 *
 * @param event  the row whose title, place and colour are shown (the series, or the override)
 * @param seriesId  the series (or single event) this belongs to
 * @param start  for a timed event, when it starts (null when all-day)
 * @param startDate  for an all-day event, its first day (null when timed)
 * @param endDate  for an all-day event, the day after its last day
 */
public record Occurrence(CalendarEvent event, long seriesId, String key, Instant start, Instant end,
        LocalDate startDate, LocalDate endDate) {

    public boolean allDay() {
        return startDate != null;
    }

    public boolean repeating() {
        return key != null;
    }

    public ZonedDateTime startIn(ZoneId zone) {
        return allDay() ? startDate.atStartOfDay(zone) : start.atZone(zone);
    }

    public ZonedDateTime endIn(ZoneId zone) {
        return allDay() ? endDate.atStartOfDay(zone) : end.atZone(zone);
    }

    /** The last day it covers, as seen in {@code zone} (an all-day event's dates never move). */
    public LocalDate lastDayIn(ZoneId zone) {
        if (allDay()) {
            return endDate.minusDays(1);
        }
        ZonedDateTime ends = end.atZone(zone);
        LocalDate last = ends.toLocalDate();
        // Ending at midnight does not touch the next day.
        return end.isAfter(start) && ends.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? last.minusDays(1) : last;
    }

    public LocalDate firstDayIn(ZoneId zone) {
        return allDay() ? startDate : start.atZone(zone).toLocalDate();
    }

    /** Whether it shows on {@code day} for someone in {@code zone}. */
    public boolean isOn(LocalDate day, ZoneId zone) {
        return !day.isBefore(firstDayIn(zone)) && !day.isAfter(lastDayIn(zone));
    }

    /** Where its page is: the series (with the instance) or the single event. */
    public String path() {
        return "/calendar/events/" + seriesId + (key == null ? "" : "?at=" + key);
    }
}
