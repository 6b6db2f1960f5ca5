package dev.modulo.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import net.fortuna.ical4j.data.DefaultContentHandler;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * ical4j's content handler, but a VTIMEZONE that would expand without bound is never handed to
 * ical4j's time zone code. ical4j turns each VTIMEZONE into {@code ZoneRules} as soon as it is
 * read, listing every change of offset of every observance from its DTSTART up to today (and, for
 * each time looked up, again up to that time): a zone whose observance repeats every second since
 * 1970 is billions of changes. So before that, each zone's changes are counted from its rules
 * (RRULE frequency × BY-lists × years, COUNT and UNTIL respected, plus RDATEs and observances);
 * past the caps, the zone is replaced: by the standard rules when its TZID is a known IANA id, or
 * else by its latest offset, fixed. Each replacement becomes a note in the import report.
 */
final class BoundedTimeZones extends DefaultContentHandler {

    /** Offset changes one VTIMEZONE may define; a zone since 1601 with two yearly rules has ~850. */
    static final long MAX_CHANGES_PER_ZONE = 10_000;
    /** Offset changes all VTIMEZONEs of one file may define together. */
    static final long MAX_CHANGES_PER_FILE = 50_000;
    /** STANDARD and DAYLIGHT parts of one VTIMEZONE; full histories have a few hundred. */
    static final int MAX_OBSERVANCES = 1_000;

    private final TimeZoneRegistry registry;
    private final List<String> notes;
    private long changes;

    BoundedTimeZones(Consumer<Calendar> consumer, TimeZoneRegistry registry, List<String> notes) {
        super(consumer, registry);
        this.registry = registry;
        this.notes = notes;
    }

    @Override
    public void endComponent(String name) {
        if (components.size() == 1 && Component.VTIMEZONE.equalsIgnoreCase(name)) {
            // Building the component computes nothing; registering it (in super) expands it.
            VTimeZone zone = (VTimeZone) getComponentBuilder().build();
            Optional<String> problem = problemWith(zone);
            if (problem.isPresent()) {
                endComponent(); // leaves it out: neither kept in the calendar nor registered
                replace(zone, problem.get());
                return;
            }
        }
        super.endComponent(name);
    }

    /** Why the zone must not be expanded, if it must not; counts its changes into the file's total. */
    private Optional<String> problemWith(VTimeZone zone) {
        List<Observance> observances = zone.getObservances();
        if (observances.size() > MAX_OBSERVANCES) {
            return Optional.of("it has " + observances.size() + " STANDARD/DAYLIGHT parts");
        }
        long zoneChanges = 0;
        for (Observance observance : observances) {
            for (Property property : observance.getProperties(Property.RRULE)) {
                Recur<?> recur = ((RRule<?>) property).getRecur();
                Frequency frequency = recur.getFrequency();
                if (frequency == Frequency.SECONDLY || frequency == Frequency.MINUTELY || frequency == Frequency.HOURLY) {
                    return Optional.of("its offset changes repeat " + frequency.name().toLowerCase() + " (" + frequency + ")");
                }
            }
            zoneChanges = saturatedAdd(zoneChanges, changesOf(observance));
        }
        if (zoneChanges > MAX_CHANGES_PER_ZONE) {
            return Optional.of("its rules make about " + zoneChanges + " changes of offset, more than "
                    + MAX_CHANGES_PER_ZONE);
        }
        if (changes + zoneChanges > MAX_CHANGES_PER_FILE) {
            return Optional.of("the time zones of this file together make more than " + MAX_CHANGES_PER_FILE
                    + " changes of offset");
        }
        changes += zoneChanges;
        return Optional.empty();
    }

    /** An upper bound of the onsets ical4j lists for one observance. */
    private static long changesOf(Observance observance) {
        long count = 1; // DTSTART itself
        for (Property rdate : observance.getProperties(Property.RDATE)) {
            count = saturatedAdd(count, rdate.getValue().chars().filter(c -> c == ',').count() + 1);
        }
        int startYear = yearOf(observance.getProperty(Property.DTSTART).map(start -> ((DtStart<?>) start).getDate())
                .orElse(null), 0);
        int thisYear = LocalDate.now(ZoneOffset.UTC).getYear();
        for (Property property : observance.getProperties(Property.RRULE)) {
            Recur<?> recur = ((RRule<?>) property).getRecur();
            // ical4j lists onsets up to today, or five years past a DTSTART in the future.
            int endYear = Math.max(thisYear, startYear + 5);
            if (recur.getUntil() != null) {
                endYear = Math.min(endYear, yearOf(recur.getUntil(), endYear));
            }
            long years = Math.max(1, (long) endYear - startYear + 1);
            long repeats = saturatedMultiply(perYear(recur), years);
            if (recur.getCount() > 0) {
                repeats = Math.min(repeats, recur.getCount());
            }
            count = saturatedAdd(count, repeats);
        }
        return count;
    }

    /** Occurrences a year at most: the frequency's, times what each BY-list can add. */
    private static long perYear(Recur<?> recur) {
        long base = switch (recur.getFrequency()) {
            case SECONDLY -> 366L * 24 * 60 * 60;
            case MINUTELY -> 366L * 24 * 60;
            case HOURLY -> 366L * 24;
            case DAILY -> 366;
            case WEEKLY -> 53;
            case MONTHLY -> 12;
            case YEARLY -> 1;
        };
        long count = Math.max(1, base / Math.max(1, recur.getInterval()));
        boolean inMonths = !recur.getMonthList().isEmpty() || recur.getFrequency() == Frequency.MONTHLY;
        long days = 0;
        for (WeekDay day : recur.getDayList()) {
            // A weekday without an ordinal is every such day: of a year, of a month, or of a week.
            days += day.getOffset() != 0 ? 1
                    : recur.getFrequency() == Frequency.YEARLY && !inMonths && recur.getWeekNoList().isEmpty() ? 53
                    : inMonths ? 5 : 1;
        }
        for (long factor : new long[] {recur.getMonthList().size(), recur.getWeekNoList().size(),
                recur.getYearDayList().size(), recur.getMonthDayList().size(), days, recur.getHourList().size(),
                recur.getMinuteList().size(), recur.getSecondList().size()}) {
            count = saturatedMultiply(count, Math.max(1, factor));
        }
        return count;
    }

    /** Leaves the zone to the standard rules of its TZID, or to its latest offset, fixed; and says so. */
    private void replace(VTimeZone zone, String problem) {
        String id = zone.getProperty(Property.TZID).map(Property::getValue).orElse("");
        String said = "The time zone “" + abbreviated(id) + "” in this file is not used as written: " + problem;
        if (isKnown(id)) {
            notes.add(said + ". Its standard rules were used instead.");
            return;
        }
        Optional<ZoneOffset> latest = latestOffset(zone);
        if (id.isBlank() || latest.isEmpty()) {
            notes.add(said + ". Times in it were read as local times.");
            return;
        }
        VTimeZone fixed = new VTimeZone(new PropertyList(List.of(new TzId(id))), new ComponentList<>(List.of(
                new Standard(new PropertyList(List.of(new DtStart<>(LocalDateTime.of(1970, 1, 1, 0, 0)),
                        new TzOffsetFrom(latest.get()), new TzOffsetTo(latest.get())))))));
        calendarComponents.add(fixed);
        registry.register(new TimeZone(fixed));
        notes.add(said + ". Times in it were read at its latest offset, UTC" + latest.get().getId() + ".");
    }

    private static boolean isKnown(String id) {
        try {
            TimeZoneRegistry.getGlobalZoneId(id);
            return true;
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    /** TZOFFSETTO of the observance that starts last (a STANDARD one if there is one). */
    private static Optional<ZoneOffset> latestOffset(VTimeZone zone) {
        Observance latest = null;
        int latestYear = Integer.MIN_VALUE;
        for (Observance observance : zone.getObservances()) {
            int year = yearOf(observance.getProperty(Property.DTSTART).map(start -> ((DtStart<?>) start).getDate())
                    .orElse(null), Integer.MIN_VALUE + 1);
            boolean better = latest == null || (observance instanceof Standard) && !(latest instanceof Standard)
                    || (observance instanceof Standard) == (latest instanceof Standard) && year >= latestYear;
            if (better) {
                latest = observance;
                latestYear = year;
            }
        }
        return Optional.ofNullable(latest)
                .flatMap(observance -> observance.<TzOffsetTo>getProperty(Property.TZOFFSETTO))
                .map(TzOffsetTo::getOffset);
    }

    private static int yearOf(Object value, int otherwise) {
        try {
            if (value instanceof Instant instant) {
                return instant.atOffset(ZoneOffset.UTC).getYear();
            }
            if (value instanceof Temporal temporal && temporal.isSupported(ChronoField.YEAR)) {
                return temporal.get(ChronoField.YEAR);
            }
        } catch (RuntimeException unreadable) {
            // fall through
        }
        return otherwise;
    }

    private static String abbreviated(String value) {
        return value.length() <= 60 ? value : value.substring(0, 59) + "…";
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
