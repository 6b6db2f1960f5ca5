package dev.modulo.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.modulo.platform.ICalendarFiles;
import dev.modulo.platform.InvalidInput;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Color;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Reading and writing iCalendar with ical4j. Reading is forgiving (Google, Outlook and Apple each
 * bend RFC 5545 their own way) and reports every event it leaves out; writing is plain RFC 5545
 * with a VTIMEZONE for each zone used. Both are blocking CPU work: callers use the blocking scheduler.
 */
final class ICalendars {

    /** One VEVENT, read into the terms of a stored row. {@code key} is its RECURRENCE-ID, if any. */
    record Imported(String uid, String key, boolean cancelled, String title, String location, String description,
            boolean allDay, String zone, Instant startAt, Instant endAt, LocalDate startDate, LocalDate endDate,
            String rrule, Set<String> exdates) {

        CalendarEvent toRow(Long id, long accountId, String uidToUse, Long parentId, String keyToUse, Instant createdAt,
                Instant now) {
            return new CalendarEvent(id, accountId, uidToUse, parentId, keyToUse, title, location, description, "blue",
                    allDay, zone, startAt, endAt, startDate, endDate, parentId == null ? rrule : null,
                    parentId == null ? String.join(",", new TreeSet<>(exdates)) : "", null, null, false, createdAt, now,
                    null);
        }
    }

    /** A file's events and what could not be taken from it. */
    record Parsed(List<Imported> events, List<String> skipped, List<String> notes) {
    }

    private static final Map<String, String> WINDOWS_ZONES = windowsZones();

    private ICalendars() {
    }

    /** Reads an .ics file; events the calendar cannot hold are skipped with a reason. */
    static Parsed read(byte[] file, ZoneId fallbackZone, int maxEvents) {
        ICalendarFiles.Read read = ICalendarFiles.read(file);
        Calendar calendar = read.calendar();
        List<VEvent> vevents = calendar.getComponents(Component.VEVENT);
        if (vevents.size() > maxEvents) {
            throw InvalidInput.of("file", "This file holds " + vevents.size() + " events; at most " + maxEvents
                    + " can be imported at once. Nothing was imported.");
        }
        List<Imported> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>(read.notes());
        int number = 0;
        for (VEvent vevent : vevents) {
            number++;
            String title = ICalendarFiles.text(vevent, Property.SUMMARY);
            String name = "Event " + number + (title.isEmpty() ? "" : " (“" + abbreviated(title, 60) + "”)");
            try {
                events.add(read(vevent, title, name, fallbackZone, notes));
            } catch (Skip skip) {
                skipped.add(name + ": " + skip.getMessage());
            } catch (RuntimeException unexpected) {
                skipped.add(name + ": it could not be read (" + unexpected.getClass().getSimpleName() + ").");
            }
        }
        return new Parsed(events, skipped, List.copyOf(notes));
    }

    private static Imported read(VEvent vevent, String title, String name, ZoneId fallbackZone, Set<String> notes) {
        Optional<DtStart<Temporal>> dtStart = vevent.getProperty(Property.DTSTART);
        if (dtStart.isEmpty() || dtStart.get().getDate() == null) {
            throw new Skip("it has no start (DTSTART).");
        }
        Temporal start = dtStart.get().getDate();
        boolean allDay = start instanceof LocalDate;
        String uid = ICalendarFiles.text(vevent, Property.UID);
        if (uid.isEmpty()) {
            uid = CalendarService.newUid();
        } else if (uid.length() > EventFields.MAX_UID) {
            throw new Skip("its UID is longer than " + EventFields.MAX_UID + " characters.");
        }
        ZoneId zone = allDay ? fallbackZone : zoneOf(dtStart.get(), start, fallbackZone, name, notes);
        Optional<DtEnd<Temporal>> dtEnd = vevent.getProperty(Property.DTEND);
        Optional<Property> duration = vevent.getProperty(Property.DURATION);
        String cutTitle = cut(title.isEmpty() ? "(no title)" : title, EventFields.MAX_TITLE, name, "title", notes);
        String location = cut(ICalendarFiles.text(vevent, Property.LOCATION), EventFields.MAX_LOCATION, name, "place", notes);
        String description = cut(ICalendarFiles.text(vevent, Property.DESCRIPTION), EventFields.MAX_DESCRIPTION, name, "description",
                notes);
        String rrule = null;
        Optional<RRule<Temporal>> rule = vevent.getProperty(Property.RRULE);
        if (rule.isPresent()) {
            rrule = rule.get().getValue();
            if (rrule.length() > EventFields.MAX_RULE) {
                throw new Skip("its repeat rule is " + thousands(rrule.length()) + " characters long; Modulo keeps rules"
                        + " of up to " + thousands(EventFields.MAX_RULE) + ".");
            }
            if (RepeatRule.tooFrequent(rrule)) {
                throw new Skip("it repeats more often than every hour (" + rrule + ").");
            }
            try {
                new Recur<>(rrule);
            } catch (RuntimeException unreadable) {
                throw new Skip("its repeat rule cannot be read (" + abbreviated(rrule, 80) + ").");
            }
        }
        String key = vevent.getProperty(Property.RECURRENCE_ID)
                .map(property -> keyOf(((RecurrenceId<?>) property).getDate(), allDay, zone)).orElse(null);
        Set<String> exdates = new TreeSet<>();
        for (Property property : vevent.getProperties(Property.EXDATE)) {
            for (Object date : ((ExDate<?>) property).getDates()) {
                exdates.add(keyOf((Temporal) date, allDay, zone));
            }
            if (exdates.size() > EventFields.MAX_EXCLUDED) {
                throw new Skip(tooManyExcluded());
            }
        }
        boolean cancelled = "CANCELLED".equalsIgnoreCase(ICalendarFiles.text(vevent, Property.STATUS));
        if (allDay) {
            LocalDate startDate = (LocalDate) start;
            LocalDate endDate = startDate.plusDays(1);
            if (dtEnd.isPresent() && dtEnd.get().getDate() != null) {
                endDate = LocalDate.from(dtEnd.get().getDate());
            } else if (duration.isPresent()) {
                endDate = startDate.plus(durationOf(duration.get()));
            }
            if (endDate.isBefore(startDate)) {
                throw new Skip("it ends before it starts.");
            }
            if (!endDate.isAfter(startDate)) {
                endDate = startDate.plusDays(1);
            }
            return new Imported(uid, key, cancelled, cutTitle, location, description, true, zone.getId(), null, null,
                    startDate, endDate, rrule, exdates);
        }
        Instant startAt = instantOf(start, zone);
        Instant endAt = startAt;
        if (dtEnd.isPresent() && dtEnd.get().getDate() != null) {
            Temporal end = dtEnd.get().getDate();
            endAt = end instanceof LocalDate date ? date.atStartOfDay(zone).toInstant() : instantOf(end, zone);
        } else if (duration.isPresent()) {
            endAt = startAt.atZone(zone).plus(durationOf(duration.get())).toInstant();
        }
        if (endAt.isBefore(startAt)) {
            throw new Skip("it ends before it starts.");
        }
        return new Imported(uid, key, cancelled, cutTitle, location, description, false, zone.getId(), startAt, endAt,
                null, null, rrule, exdates);
    }

    /** The IANA zone a DTSTART's TZID stands for: IANA names, Outlook's Windows names, Mozilla's prefixed ones. */
    private static ZoneId zoneOf(DateProperty<?> property, Temporal start, ZoneId fallback, String name,
            Set<String> notes) {
        Optional<Parameter> tzid = property.getParameter(Parameter.TZID);
        if (tzid.isEmpty()) {
            return start instanceof OffsetDateTime || start instanceof Instant ? fallback : fallback;
        }
        String id = tzid.get().getValue().replace("\"", "").strip();
        ZoneId known = zoneNamed(id);
        if (known != null) {
            return known;
        }
        notes.add("The time zone “" + id + "” is not one Modulo knows; events in it keep their times but are shown in "
                + fallback.getId() + ".");
        return fallback;
    }

    static ZoneId zoneNamed(String id) {
        List<String> candidates = new ArrayList<>(List.of(id));
        if (WINDOWS_ZONES.containsKey(id)) {
            candidates.add(0, WINDOWS_ZONES.get(id));
        }
        String[] segments = id.split("/");
        if (segments.length >= 2) {
            candidates.add(segments[segments.length - 2] + "/" + segments[segments.length - 1]);
        }
        for (String candidate : candidates) {
            try {
                return ZoneId.of(candidate);
            } catch (RuntimeException notAZone) {
                // try the next reading
            }
        }
        return null;
    }

    private static Instant instantOf(Temporal value, ZoneId zone) {
        if (value instanceof ZonedDateTime zoned) {
            // ical4j builds zones from the file's VTIMEZONE; the instant is right whatever the zone's name.
            return zoned.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.atZone(zone).toInstant();
        }
        return LocalDate.from(value).atStartOfDay(zone).toInstant();
    }

    /** The key of an instance (RECURRENCE-ID, EXDATE) of a series that is all-day or in {@code zone}. */
    private static String keyOf(Temporal value, boolean allDay, ZoneId zone) {
        if (allDay) {
            return Expander.key(value instanceof LocalDate date ? date
                    : instantOf(value, zone).atZone(zone).toLocalDate());
        }
        return Expander.key(instantOf(value, zone));
    }

    private static TemporalAmount durationOf(Property duration) {
        String value = duration.getValue().strip();
        try {
            return Duration.parse(value);
        } catch (RuntimeException notADuration) {
            // P1D, P1W: a period of days
            try {
                return java.time.Period.parse(value);
            } catch (RuntimeException notAPeriod) {
                throw new Skip("its DURATION cannot be read (" + abbreviated(value, 40) + ").");
            }
        }
    }


    private static String cut(String value, int max, String name, String what, Set<String> notes) {
        if (value.length() <= max) {
            return value;
        }
        notes.add(name + ": its " + what + " was cut to " + max + " characters.");
        return value.substring(0, max);
    }

    private static String abbreviated(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    // Writing

    /** What ends every calendar written (after its events). */
    static final String FOOTER = "END:VCALENDAR\r\n";

    /**
     * The account's calendar as iCalendar text, in one piece (exports stream it as {@link #header},
     * {@link #events} a batch at a time, then {@link #FOOTER}). {@code refresh} asks subscribers to
     * fetch it again that often (REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL).
     */
    static String write(List<CalendarEvent> rows, String name, ZoneId accountZone, Duration refresh) {
        List<String> zones = rows.stream().filter(row -> !row.allDay()).map(CalendarEvent::zone).distinct().sorted()
                .toList();
        Map<Long, CalendarEvent> byId = rows.stream().collect(Collectors.toMap(CalendarEvent::id, row -> row,
                (a, b) -> a, LinkedHashMap::new));
        return header(name, accountZone, refresh, zones) + events(rows, byId) + FOOTER;
    }

    /** BEGIN:VCALENDAR, the calendar's properties and a VTIMEZONE for each of {@code zones} (sorted). */
    static String header(String name, ZoneId accountZone, Duration refresh, List<String> zones) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Modulo//Calendar 1.0//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new XProperty("X-WR-TIMEZONE", accountZone.getId()));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), refresh));
        calendar.add(new XProperty("X-PUBLISHED-TTL", refresh.toString()));
        TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
        for (String zone : zones) {
            TimeZone timeZone = registry.getTimeZone(zone);
            if (timeZone != null) {
                calendar.add(timeZone.getVTimeZone());
            }
        }
        String whole = calendar.toString();
        return whole.substring(0, whole.length() - FOOTER.length());
    }

    /** VEVENTs of {@code rows}; an override's RECURRENCE-ID is written in its series' terms ({@code seriesById}). */
    static String events(List<CalendarEvent> rows, Map<Long, CalendarEvent> seriesById) {
        StringBuilder text = new StringBuilder();
        for (CalendarEvent row : rows) {
            text.append(vevent(row, row.isOverride() ? seriesById.get(row.parentId()) : null));
        }
        return text.toString();
    }

    private static VEvent vevent(CalendarEvent row, CalendarEvent series) {
        VEvent vevent;
        if (row.allDay()) {
            vevent = new VEvent(row.startDate(), row.endDate(), row.title());
        } else {
            ZoneId zone = row.zoneId();
            vevent = new VEvent(row.startAt().atZone(zone), row.endAt().atZone(zone), row.title());
        }
        vevent.add(new Uid(row.uid()));
        vevent.replace(new DtStamp(row.updatedAt().truncatedTo(ChronoUnit.SECONDS)));
        if (!row.location().isEmpty()) {
            vevent.add(new Location(row.location()));
        }
        if (!row.description().isEmpty()) {
            vevent.add(new Description(row.description()));
        }
        vevent.add(new Color(new ParameterList(), row.colour()));
        if (row.repeats()) {
            vevent.add(new RRule<>(row.rrule()));
            if (!row.excludedKeys().isEmpty()) {
                String dates = String.join(",", new TreeSet<>(row.excludedKeys()));
                vevent.add(row.allDay() ? new ExDate<>(new ParameterList(List.of(Value.DATE)), dates)
                        : new ExDate<>(new ParameterList(), dates));
            }
        }
        if (row.isOverride()) {
            boolean seriesAllDay = series != null ? series.allDay() : row.recurrenceKey().length() == 8;
            if (seriesAllDay) {
                vevent.add(new RecurrenceId<>(Expander.dateOfKey(row.recurrenceKey())));
            } else {
                ZoneId zone = series != null ? series.zoneId() : ZoneOffset.UTC;
                vevent.add(new RecurrenceId<>(Expander.instantOfKey(row.recurrenceKey()).atZone(zone)));
            }
        }
        return vevent;
    }

    private static Map<String, String> windowsZones() {
        Properties properties = new Properties();
        try (InputStream in = ICalendars.class.getResourceAsStream("/calendar/windows-zones.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        Map<String, String> zones = new LinkedHashMap<>();
        properties.forEach((windows, iana) -> zones.put((String) windows, (String) iana));
        return Map.copyOf(zones);
    }

    /** Why a series with more deleted occurrences than it can keep was left out. */
    static String tooManyExcluded() {
        return "it has more than " + thousands(EventFields.MAX_EXCLUDED)
                + " deleted occurrences (EXDATE), more than Modulo keeps for one repeating event.";
    }

    static String thousands(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }

    /** An event that is left out of an import, with the reason. */
    private static final class Skip extends RuntimeException {

        Skip(String reason) {
            super(reason, null, false, false);
        }
    }
}
