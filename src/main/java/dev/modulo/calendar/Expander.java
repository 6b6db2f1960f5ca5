package dev.modulo.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.fortuna.ical4j.model.Recur;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored rows into the occurrences inside a range, with ical4j doing the recurrence
 * arithmetic (in the event's own zone, so 09:00 Berlin stays 09:00 Berlin across DST). Expansion
 * is CPU work: callers run it on the blocking scheduler. It is capped twice — instances per call
 * and a time budget checked between series — so no rule can hold a request for long.
 */
final class Expander {

    private static final Logger log = LoggerFactory.getLogger(Expander.class);

    static final DateTimeFormatter UTC_KEY = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter DATE_KEY = DateTimeFormatter.BASIC_ISO_DATE;

    /** All-day dates are the same everywhere, so in instants they reach from UTC+14 to UTC−12. */
    static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);
    static final ZoneOffset LATEST = ZoneOffset.ofHours(-12);

    private final int maxOccurrences;
    private final Duration budget;

    Expander(int maxOccurrences, Duration budget) {
        this.maxOccurrences = maxOccurrences;
        this.budget = budget;
    }

    static String key(Instant start) {
        return UTC_KEY.format(start);
    }

    static String key(LocalDate start) {
        return start.format(DATE_KEY);
    }

    static Instant instantOfKey(String key) {
        return Instant.from(UTC_KEY.parse(key));
    }

    static LocalDate dateOfKey(String key) {
        return LocalDate.parse(key, DATE_KEY);
    }

    /**
     * The occurrences of {@code rows} (series, singles and overrides) that show between
     * {@code from} and {@code to} (exclusive) in {@code zone}. {@code overriddenKeys} holds, per
     * series id, the instances replaced by overrides (wherever those moved to).
     */
    CalendarView expand(List<CalendarEvent> rows, Map<Long, Set<String>> overriddenKeys, LocalDate from, LocalDate to,
            ZoneId zone) {
        Instant fromInstant = from.atStartOfDay(zone).toInstant();
        Instant toInstant = to.atStartOfDay(zone).toInstant();
        long deadline = System.nanoTime() + budget.toNanos();
        List<Occurrence> found = new ArrayList<>();
        String note = null;
        List<CalendarEvent> ordered = rows.stream().sorted(Comparator.comparing(CalendarEvent::repeats)).toList();
        for (CalendarEvent row : ordered) {
            if (found.size() >= maxOccurrences) {
                note = "There is more than fits in one view; only the first " + maxOccurrences + " are shown.";
                break;
            }
            if (row.repeats() && System.nanoTime() > deadline) {
                note = "Some repeating events took too long to work out and are not shown.";
                break;
            }
            long seriesId = row.isOverride() ? row.parentId() : row.id();
            if (!row.repeats()) {
                Occurrence single = new Occurrence(row, seriesId, row.isOverride() ? row.recurrenceKey() : null,
                        row.startAt(), row.endAt(),
                        row.startDate(), row.endDate());
                if (touches(single, from, to, fromInstant, toInstant)) {
                    found.add(single);
                }
                continue;
            }
            Set<String> skipped = new java.util.HashSet<>(row.excludedKeys());
            skipped.addAll(overriddenKeys.getOrDefault(row.id(), Set.of()));
            try {
                int room = maxOccurrences - found.size();
                List<Occurrence> instances = row.allDay()
                        ? allDayInstances(row, from, to, room + 1)
                        : timedInstances(row, fromInstant, toInstant, room + 1);
                for (Occurrence instance : instances) {
                    if (!skipped.contains(instance.key()) && touches(instance, from, to, fromInstant, toInstant)) {
                        found.add(instance);
                    }
                }
            } catch (RuntimeException unreadable) {
                log.warn("Could not expand event {} with rule {}: {}", row.id(), row.rrule(), unreadable.toString());
                note = "“" + row.title() + "” has a repeat rule that could not be read.";
            }
        }
        if (found.size() > maxOccurrences) {
            found = new ArrayList<>(found.subList(0, maxOccurrences));
            note = "There is more than fits in one view; only the first " + maxOccurrences + " are shown.";
        }
        found.sort(Comparator.comparing((Occurrence occurrence) -> occurrence.allDay()
                        ? occurrence.startDate().atStartOfDay(zone).toInstant() : occurrence.start())
                .thenComparing(occurrence -> !occurrence.allDay())
                .thenComparing(occurrence -> occurrence.event().title()));
        return new CalendarView(from, to, zone, found, note);
    }

    /** Every instance key of a series up to {@code limit} (for COUNT-bounded windows and checks). */
    static List<Occurrence> instancesBetween(CalendarEvent row, Instant from, Instant to, int limit) {
        return row.allDay()
                ? allDayInstances(row, from.atZone(EARLIEST).toLocalDate(), to.atZone(LATEST).toLocalDate().plusDays(1), limit)
                : timedInstances(row, from, to, limit);
    }

    private static List<Occurrence> timedInstances(CalendarEvent row, Instant from, Instant to, int limit) {
        ZoneId zone = row.zoneId();
        Duration length = Duration.between(row.startAt(), row.endAt());
        ZonedDateTime seed = row.startAt().atZone(zone);
        Recur<ZonedDateTime> recur = new Recur<>(row.rrule());
        List<ZonedDateTime> starts = new ArrayList<>(recur.getDates(seed, from.minus(length).atZone(zone), to.atZone(zone), limit));
        // RFC 5545: DTSTART always counts as the first instance, whether or not the rule matches it.
        if (!starts.contains(seed) && !seed.toInstant().isBefore(from.minus(length)) && seed.toInstant().isBefore(to)) {
            starts.add(0, seed);
        }
        List<Occurrence> instances = new ArrayList<>();
        for (ZonedDateTime start : starts) {
            Instant at = start.toInstant();
            instances.add(new Occurrence(row, idOf(row), key(at), at, at.plus(length), null, null));
        }
        return instances;
    }

    private static List<Occurrence> allDayInstances(CalendarEvent row, LocalDate from, LocalDate to, int limit) {
        long days = ChronoUnit.DAYS.between(row.startDate(), row.endDate());
        Recur<LocalDate> recur = new Recur<>(row.rrule());
        List<LocalDate> starts = new ArrayList<>(recur.getDates(row.startDate(), from.minusDays(days), to, limit));
        if (!starts.contains(row.startDate()) && !row.startDate().isBefore(from.minusDays(days))
                && row.startDate().isBefore(to)) {
            starts.add(0, row.startDate());
        }
        List<Occurrence> instances = new ArrayList<>();
        for (LocalDate start : starts) {
            instances.add(new Occurrence(row, idOf(row), key(start), null, null, start, start.plusDays(days)));
        }
        return instances;
    }

    /** A row not saved yet (its window is being worked out) has no id. */
    private static long idOf(CalendarEvent row) {
        return row.id() == null ? 0 : row.id();
    }

    private static boolean touches(Occurrence occurrence, LocalDate from, LocalDate to, Instant fromInstant,
            Instant toInstant) {
        if (occurrence.allDay()) {
            return occurrence.startDate().isBefore(to) && occurrence.endDate().isAfter(from);
        }
        if (occurrence.start().equals(occurrence.end())) {
            return !occurrence.start().isBefore(fromInstant) && occurrence.start().isBefore(toInstant);
        }
        return occurrence.start().isBefore(toInstant) && occurrence.end().isAfter(fromInstant);
    }
}
