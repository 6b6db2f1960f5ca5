package dev.modulo.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an event repeats, in the terms of the editor: every N days, weeks (on chosen weekdays),
 * months (on the same date or the same "2nd Tuesday"), or years; until a date, a number of times,
 * or forever. It converts to and from an iCalendar RRULE; a rule the editor cannot express (from an
 * imported calendar) is kept verbatim as {@link Frequency#CUSTOM}.
 */
public record RepeatRule(Frequency frequency, int interval, Set<DayOfWeek> weekdays, LocalDate until, Integer count,
        String custom) {

    public static final RepeatRule NONE = new RepeatRule(Frequency.NONE, 1, Set.of(), null, null, null);

    static final int MAX_INTERVAL = 999;
    static final int MAX_COUNT = 1000;

    public enum Frequency {
        NONE, DAILY, WEEKLY, MONTHLY, MONTHLY_WEEKDAY, YEARLY, CUSTOM;

        /** The value used in forms: {@code monthly-weekday}. */
        public String formValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Frequency ofFormValue(String value) {
            for (Frequency frequency : values()) {
                if (frequency.formValue().equals(value)) {
                    return frequency;
                }
            }
            return null;
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final List<String> SIMPLE_PARTS = List.of("FREQ", "INTERVAL", "UNTIL", "COUNT", "WKST");

    public boolean repeats() {
        return frequency != Frequency.NONE;
    }

    /**
     * Reads the editor's fields: {@code repeat}, {@code interval}, {@code weekdays} (MO, TU, …),
     * {@code ends} (never, until, count), {@code until} and {@code count}. {@code existing} is the
     * rule being edited, kept when the person leaves a custom rule alone.
     */
    static RepeatRule fromForm(Map<String, List<String>> form, RepeatRule existing, Map<String, String> errors) {
        if (!form.containsKey("repeat") && existing != null) {
            // The form had no repeat section (a changed occurrence's editor): the series keeps its rule.
            return existing;
        }
        Frequency frequency = Frequency.ofFormValue(first(form, "repeat", "none"));
        if (frequency == null) {
            errors.put("repeat", "Choose how often it repeats.");
            return NONE;
        }
        if (frequency == Frequency.NONE) {
            return NONE;
        }
        if (frequency == Frequency.CUSTOM) {
            return existing != null && existing.frequency == Frequency.CUSTOM ? existing : NONE;
        }
        int interval = 1;
        String intervalText = first(form, "interval", "1").strip();
        try {
            interval = Integer.parseInt(intervalText.isEmpty() ? "1" : intervalText);
            if (interval < 1 || interval > MAX_INTERVAL) {
                errors.put("interval", "Repeat every 1 to " + MAX_INTERVAL + ".");
            }
        } catch (NumberFormatException notANumber) {
            errors.put("interval", "Repeat every 1 to " + MAX_INTERVAL + ".");
        }
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        for (String code : form.getOrDefault("weekdays", List.of())) {
            DayOfWeek day = dayOf(code);
            if (day == null) {
                errors.put("weekdays", "Choose days of the week from the list.");
            } else {
                weekdays.add(day);
            }
        }
        LocalDate until = null;
        Integer count = null;
        switch (first(form, "ends", "never")) {
            case "until" -> {
                try {
                    until = LocalDate.parse(first(form, "until", "").strip());
                } catch (DateTimeParseException unreadable) {
                    errors.put("until", "Give the last date as YYYY-MM-DD.");
                }
            }
            case "count" -> {
                try {
                    count = Integer.parseInt(first(form, "count", "").strip());
                    if (count < 1 || count > MAX_COUNT) {
                        errors.put("count", "Repeat 1 to " + MAX_COUNT + " times.");
                    }
                } catch (NumberFormatException notANumber) {
                    errors.put("count", "Repeat 1 to " + MAX_COUNT + " times.");
                }
            }
            case "never" -> { }
            default -> errors.put("ends", "Choose when the repeating ends.");
        }
        return new RepeatRule(frequency, interval, Set.copyOf(weekdays), until, count, null);
    }

    /**
     * The RRULE for a series that starts at {@code start} (a local date and, unless all-day, time in
     * {@code zone}). UNTIL is inclusive of the whole last day, written in UTC for timed events as
     * RFC 5545 requires.
     */
    String toRrule(LocalDate start, LocalTime startTime, ZoneId zone, boolean allDay) {
        if (frequency == Frequency.NONE) {
            return null;
        }
        if (frequency == Frequency.CUSTOM) {
            return custom;
        }
        List<String> parts = new ArrayList<>();
        parts.add("FREQ=" + switch (frequency) {
            case DAILY -> "DAILY";
            case WEEKLY -> "WEEKLY";
            case MONTHLY, MONTHLY_WEEKDAY -> "MONTHLY";
            default -> "YEARLY";
        });
        if (interval > 1) {
            parts.add("INTERVAL=" + interval);
        }
        if (until != null) {
            parts.add("UNTIL=" + (allDay ? until.format(DATE)
                    : until.atTime(LocalTime.MAX).atZone(zone).withZoneSameInstant(ZoneOffset.UTC).format(UTC_DATE_TIME)));
        } else if (count != null) {
            parts.add("COUNT=" + count);
        }
        if (frequency == Frequency.WEEKLY) {
            Set<DayOfWeek> days = weekdays.isEmpty() ? Set.of(start.getDayOfWeek()) : weekdays;
            parts.add("BYDAY=" + days.stream().sorted().map(RepeatRule::code).collect(Collectors.joining(",")));
        }
        if (frequency == Frequency.MONTHLY_WEEKDAY) {
            parts.add("BYDAY=" + nthOfMonth(start) + code(start.getDayOfWeek()));
        }
        return String.join(";", parts);
    }

    /** The rule an RRULE stands for; anything beyond the editor's choices is {@link Frequency#CUSTOM}. */
    static RepeatRule parse(String rrule, ZoneId zone) {
        Map<String, String> parts = parts(rrule);
        String freq = parts.get("FREQ");
        int interval = 1;
        LocalDate until = null;
        Integer count = null;
        try {
            interval = Integer.parseInt(parts.getOrDefault("INTERVAL", "1"));
            if (parts.containsKey("UNTIL")) {
                until = untilDate(parts.get("UNTIL"), zone);
            }
            if (parts.containsKey("COUNT")) {
                count = Integer.parseInt(parts.get("COUNT"));
            }
        } catch (RuntimeException unreadable) {
            return custom(rrule);
        }
        Map<String, String> extra = new LinkedHashMap<>(parts);
        SIMPLE_PARTS.forEach(extra::remove);
        String byDay = extra.remove("BYDAY");
        if (freq == null) {
            return custom(rrule);
        }
        switch (freq) {
            case "DAILY":
                if (extra.isEmpty() && byDay == null) {
                    return new RepeatRule(Frequency.DAILY, interval, Set.of(), until, count, null);
                }
                break;
            case "WEEKLY":
                if (extra.isEmpty()) {
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    for (String code : byDay == null ? new String[0] : byDay.split(",")) {
                        DayOfWeek day = dayOf(code);
                        if (day == null) {
                            return custom(rrule);
                        }
                        days.add(day);
                    }
                    return new RepeatRule(Frequency.WEEKLY, interval, Set.copyOf(days), until, count, null);
                }
                break;
            case "MONTHLY":
                extra.remove("BYMONTHDAY");
                if (extra.isEmpty() && byDay == null) {
                    return new RepeatRule(Frequency.MONTHLY, interval, Set.of(), until, count, null);
                }
                if (extra.isEmpty() && byDay.matches("-?[1-5](MO|TU|WE|TH|FR|SA|SU)")) {
                    return new RepeatRule(Frequency.MONTHLY_WEEKDAY, interval, Set.of(), until, count, null);
                }
                break;
            case "YEARLY":
                extra.remove("BYMONTH");
                extra.remove("BYMONTHDAY");
                if (extra.isEmpty() && byDay == null) {
                    return new RepeatRule(Frequency.YEARLY, interval, Set.of(), until, count, null);
                }
                break;
            default:
                break;
        }
        return custom(rrule);
    }

    static RepeatRule parse(String rrule) {
        return parse(rrule, ZoneOffset.UTC);
    }

    /** Words for the event page: "Every 2 weeks on Mon, Thu, 10 times". */
    public String describe(LocalDate start) {
        String every = switch (frequency) {
            case NONE -> "Does not repeat";
            case CUSTOM -> "Repeats (" + custom + ")";
            case DAILY -> interval == 1 ? "Every day" : "Every " + interval + " days";
            case WEEKLY -> (interval == 1 ? "Every week" : "Every " + interval + " weeks") + " on "
                    + (weekdays.isEmpty() ? Set.of(start.getDayOfWeek()) : weekdays).stream().sorted()
                            .map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                            .collect(Collectors.joining(", "));
            case MONTHLY -> (interval == 1 ? "Every month" : "Every " + interval + " months") + " on the "
                    + ordinal(start.getDayOfMonth());
            case MONTHLY_WEEKDAY -> (interval == 1 ? "Every month" : "Every " + interval + " months") + " on the "
                    + (nthOfMonth(start) == -1 ? "last" : ordinal(nthOfMonth(start))) + " "
                    + start.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case YEARLY -> (interval == 1 ? "Every year" : "Every " + interval + " years") + " on "
                    + start.format(DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH));
        };
        if (frequency == Frequency.NONE || frequency == Frequency.CUSTOM) {
            return every;
        }
        if (until != null) {
            return every + ", until " + until.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));
        }
        return count == null ? every : every + ", " + count + (count == 1 ? " time" : " times");
    }

    /** Whether the rule fires more often than hourly, which no calendar needs and which could flood a view. */
    static boolean tooFrequent(String rrule) {
        String freq = parts(rrule).get("FREQ");
        return "SECONDLY".equals(freq) || "MINUTELY".equals(freq);
    }

    /**
     * The same rule ending just before {@code key}'s occurrence (for "this and following"). When
     * the rule fires at most once a day, it ends with the day before in the event's zone, so the
     * editor reads back "until" the last day that still has one.
     */
    static String endingBefore(String rrule, String key, boolean allDay, ZoneId zone) {
        Map<String, String> parts = parts(rrule);
        parts.remove("COUNT");
        if (allDay) {
            parts.put("UNTIL", LocalDate.parse(key, DATE).minusDays(1).format(DATE));
        } else {
            Instant start = Instant.from(UTC_DATE_TIME.withZone(ZoneOffset.UTC).parse(key));
            boolean oncePerDay = List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY").contains(parts.get("FREQ"))
                    && !parts.containsKey("BYHOUR") && !parts.containsKey("BYMINUTE") && !parts.containsKey("BYSECOND");
            Instant until = oncePerDay
                    ? start.atZone(zone).toLocalDate().minusDays(1).atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant()
                    : start.minusSeconds(1);
            parts.put("UNTIL", until.atOffset(ZoneOffset.UTC).format(UTC_DATE_TIME));
        }
        return join(parts);
    }

    /** The same rule with {@code count} occurrences left (for the new half of a split series). */
    static String withCount(String rrule, Integer count) {
        Map<String, String> parts = parts(rrule);
        if (count != null) {
            parts.put("COUNT", Integer.toString(count));
        }
        return join(parts);
    }

    static Map<String, String> parts(String rrule) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (rrule == null) {
            return parts;
        }
        String body = rrule.strip();
        if (body.regionMatches(true, 0, "RRULE:", 0, 6)) {
            body = body.substring(6);
        }
        for (String part : body.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).strip().toUpperCase(Locale.ROOT), part.substring(equals + 1).strip());
            }
        }
        return parts;
    }

    private static String join(Map<String, String> parts) {
        return parts.entrySet().stream().map(part -> part.getKey() + "=" + part.getValue())
                .collect(Collectors.joining(";"));
    }

    private static LocalDate untilDate(String value, ZoneId zone) {
        if (value.length() == 8) {
            return LocalDate.parse(value, DATE);
        }
        if (value.endsWith("Z")) {
            return Instant.from(UTC_DATE_TIME.withZone(ZoneOffset.UTC).parse(value)).atZone(zone).toLocalDate();
        }
        return LocalDateTime.parse(value, LOCAL_DATE_TIME).toLocalDate();
    }

    private static RepeatRule custom(String rrule) {
        return new RepeatRule(Frequency.CUSTOM, 1, Set.of(), null, null, rrule);
    }

    /** 1 to 4 for the first to fourth weekday of its kind in the month; -1 for a fifth (the last). */
    static int nthOfMonth(LocalDate date) {
        int nth = (date.getDayOfMonth() - 1) / 7 + 1;
        return nth == 5 ? -1 : nth;
    }

    public static String code(DayOfWeek day) {
        return day.name().substring(0, 2);
    }

    private static DayOfWeek dayOf(String code) {
        String plain = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (code(day).equals(plain)) {
                return day;
            }
        }
        return null;
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static String first(Map<String, List<String>> form, String name, String fallback) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? fallback : values.get(0);
    }
}
