package dev.modulo.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An event as stored: a single event, a repeating series (with {@code rrule}), or one replaced
 * occurrence of a series (with {@code parentId} and the original start as {@code recurrenceKey}).
 * A timed event has {@code startAt}/{@code endAt} (UTC) and the {@code zone} it was written in;
 * an all-day event has {@code startDate}/{@code endDate} (end exclusive, as in iCalendar).
 * A series or single event has the empty {@code recurrenceKey}, not null, so the unique key
 * (account, uid, recurrence key) holds for it too. {@code version} counts the saves of the row:
 * a save from a copy shown before another save fails instead of undoing it.
 */
@Table
public record CalendarEvent(
        @Id Long id,
        long accountId,
        String uid,
        Long parentId,
        String recurrenceKey,
        String title,
        String location,
        String description,
        String colour,
        boolean allDay,
        String zone,
        Instant startAt,
        Instant endAt,
        LocalDate startDate,
        LocalDate endDate,
        String rrule,
        String exdates,
        Instant windowStart,
        Instant windowEnd,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public CalendarEvent {
        recurrenceKey = recurrenceKey == null ? "" : recurrenceKey;
    }

    public boolean repeats() {
        return rrule != null && !rrule.isEmpty();
    }

    public boolean isOverride() {
        return parentId != null;
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** Keys of the occurrences deleted from this series. */
    public Set<String> excludedKeys() {
        return exdates == null || exdates.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(exdates.split(",")));
    }

    /** The repeat rule, as the editor shows it (none for a single event). */
    public RepeatRule repeatRule() {
        return repeats() ? RepeatRule.parse(rrule, zoneId()) : RepeatRule.NONE;
    }

    CalendarEvent withRule(String newRrule, String newExdates, Instant newWindowEnd, Instant now) {
        return new CalendarEvent(id, accountId, uid, parentId, recurrenceKey, title, location, description, colour,
                allDay, zone, startAt, endAt, startDate, endDate, newRrule, newExdates, windowStart, newWindowEnd,
                createdAt, now, version);
    }

    /** The same row, to be saved over {@code expected} (null: a new row). */
    CalendarEvent withVersion(Long expected) {
        return new CalendarEvent(id, accountId, uid, parentId, recurrenceKey, title, location, description, colour,
                allDay, zone, startAt, endAt, startDate, endDate, rrule, exdates, windowStart, windowEnd, createdAt,
                updatedAt, expected);
    }
}
