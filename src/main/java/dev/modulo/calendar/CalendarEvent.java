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
 *
 * <p>{@code windowStart}/{@code windowEnd} bound every occurrence in instants ({@link #FOREVER} for a
 * series without end); {@code longSpan} marks the few rows whose window is longer than
 * {@link #SHORT_SPAN} (series, long trips), so a range query finds the short ones by their start alone.
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
        boolean longSpan,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public CalendarEvent {
        recurrenceKey = recurrenceKey == null ? "" : recurrenceKey;
    }

    /** The window end of a series that never ends. */
    public static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");
    /** A row whose window is at most this long is found by its start (see {@code CalendarEvents#findTouching}). */
    public static final java.time.Duration SHORT_SPAN = java.time.Duration.ofDays(40);

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
                longSpan, createdAt, now, version);
    }

    /** The same row, to be saved over {@code expected} (null: a new row). */
    CalendarEvent withVersion(Long expected) {
        return new CalendarEvent(id, accountId, uid, parentId, recurrenceKey, title, location, description, colour,
                allDay, zone, startAt, endAt, startDate, endDate, rrule, exdates, windowStart, windowEnd, longSpan,
                createdAt, updatedAt, expected);
    }
}
