package dev.modulo.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.modulo.platform.InvalidInput;

/**
 * The checked contents of the event editor. Times are read in the chosen zone; an all-day
 * event's end date is stored exclusive (the day after its last day), as iCalendar does.
 */
record EventFields(String title, String location, String description, String colour, boolean allDay, ZoneId zone,
        Instant startAt, Instant endAt, LocalDate startDate, LocalDate endDate, RepeatRule repeat, String rrule) {

    static final int MAX_TITLE = 200;
    static final int MAX_LOCATION = 500;
    static final int MAX_DESCRIPTION = 20_000;
    /** Longest repeat rule taken from a file; the column holds 10,000, room for the UNTIL or COUNT an edit adds. */
    static final int MAX_RULE = 8_000;
    /** Most deleted occurrences (EXDATEs) one series keeps: 1,000 keys of at most 16 characters fit its column. */
    static final int MAX_EXCLUDED = 1_000;
    static final int MAX_UID = 255;
    static final List<String> COLOURS = List.of("blue", "green", "red", "orange", "purple", "grey");

    /** Reads and checks the editor's fields; every problem is reported at once. */
    static EventFields read(Map<String, List<String>> form, RepeatRule existingRule) {
        Map<String, String> errors = new LinkedHashMap<>();
        String title = text(form, "title");
        if (title.isEmpty()) {
            errors.put("title", "Give the event a title.");
        } else if (title.length() > MAX_TITLE) {
            errors.put("title", "Keep the title under " + MAX_TITLE + " characters.");
        }
        String location = text(form, "location");
        if (location.length() > MAX_LOCATION) {
            errors.put("location", "Keep the place under " + MAX_LOCATION + " characters.");
        }
        String description = text(form, "description");
        if (description.length() > MAX_DESCRIPTION) {
            errors.put("description", "Keep the description under " + MAX_DESCRIPTION + " characters.");
        }
        String colour = text(form, "colour");
        if (!COLOURS.contains(colour)) {
            colour = COLOURS.get(0);
        }
        boolean allDay = !text(form, "allDay").isEmpty();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(text(form, "zone"));
        } catch (DateTimeException unknown) {
            errors.put("zone", "Choose a time zone from the list, such as Europe/Berlin.");
        }
        LocalDate startDate = date(form, "startDate", "Give the start date.", errors);
        LocalDate endDate = text(form, "endDate").isEmpty() ? startDate : date(form, "endDate", null, errors);
        Instant startAt = null;
        Instant endAt = null;
        if (allDay) {
            if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
                errors.put("endDate", "The end is before the start.");
            }
        } else if (startDate != null && endDate != null && zone != null) {
            LocalTime startTime = time(form, "startTime", "Give the start time, or make it an all-day event.", errors);
            LocalTime endTime = text(form, "endTime").isEmpty() && startTime != null
                    ? startTime.plusHours(1) : time(form, "endTime", null, errors);
            if (startTime != null && endTime != null) {
                startAt = startDate.atTime(startTime).atZone(zone).toInstant();
                LocalDate endDay = text(form, "endTime").isEmpty() && endTime.isBefore(startTime)
                        ? endDate.plusDays(1) : endDate;
                endAt = endDay.atTime(endTime).atZone(zone).toInstant();
                if (endAt.isBefore(startAt)) {
                    errors.put("endTime", "The end is before the start.");
                }
            }
        }
        RepeatRule repeat = RepeatRule.fromForm(form, existingRule, errors);
        if (repeat.until() != null && startDate != null && repeat.until().isBefore(startDate)) {
            errors.put("until", "The last date is before the first one.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        LocalTime startTime = allDay ? null : startAt.atZone(zone).toLocalTime();
        String rrule = repeat.toRrule(startDate, startTime, zone, allDay);
        return new EventFields(title, location, description, colour, allDay, zone, allDay ? null : startAt,
                allDay ? null : endAt, allDay ? startDate : null, allDay ? endDate.plusDays(1) : null, repeat, rrule);
    }

    /** The row these fields describe (its window still to be worked out). */
    CalendarEvent toRow(Long id, long accountId, String uid, Long parentId, String key, String exdates,
            Instant createdAt, Instant now) {
        return new CalendarEvent(id, accountId, uid, parentId, key, title, location, description, colour, allDay,
                zone.getId(), startAt, endAt, startDate, endDate, parentId == null ? rrule : null,
                parentId == null ? exdates : "", null, null, false, createdAt, now, null);
    }

    private static String text(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0).strip();
    }

    private static LocalDate date(Map<String, List<String>> form, String name, String missing, Map<String, String> errors) {
        String value = text(form, name);
        if (value.isEmpty()) {
            if (missing != null) {
                errors.put(name, missing);
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException unreadable) {
            errors.put(name, "Give the date as YYYY-MM-DD.");
            return null;
        }
    }

    private static LocalTime time(Map<String, List<String>> form, String name, String missing, Map<String, String> errors) {
        String value = text(form, name);
        if (value.isEmpty()) {
            if (missing != null) {
                errors.put(name, missing);
            }
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException unreadable) {
            errors.put(name, "Give the time as HH:MM, for example 09:30.");
            return null;
        }
    }
}
