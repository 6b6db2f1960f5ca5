package dev.modulo.todo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one typed line into a task: {@code Pay rent tomorrow 9am !high #home}. What it does not
 * understand stays in the title; a line it cannot read at all is simply the title.
 *
 * <p>Dates: {@code today}, {@code tonight}, {@code tomorrow}, a weekday or {@code next} weekday
 * (the first one after today), {@code next week} (next Monday), {@code next month}, {@code in 3 days},
 * {@code in 2 weeks}, {@code in 1 month} (month ends clamp), {@code 2026-12-24}, {@code 24 dec},
 * {@code dec 24}. Times: {@code 9am}, {@code 9:30pm}, {@code 21:00}, {@code noon}, {@code at 9}.
 * Priority: {@code !high}/{@code !medium}/{@code !low} or {@code !1}–{@code !3}. Tags: {@code #word}.
 * Repeating: {@code every day}, {@code every 2 weeks}, {@code every mon, thu}, {@code every month},
 * {@code every 3 days after done} (see {@link Recurrence}).
 */
public final class QuickAdd {

    /** What a line said. Any part may be absent; the title never is. */
    public record Parsed(String title, LocalDate dueDate, LocalTime dueTime, Priority priority, List<String> tags,
            Recurrence recurrence) {
    }

    private static final Pattern TAG = Pattern.compile("#([\\p{L}\\p{N}_-]{1,40})");
    private static final Pattern PRIORITY = Pattern.compile("!(high|medium|med|low|1|2|3)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern CLOCK_12 = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(am|pm)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOCK_24 = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final Map<String, DayOfWeek> WEEKDAYS = weekdays();
    private static final Map<String, Month> MONTHS = months();

    private QuickAdd() {
    }

    public static Parsed parse(String line, LocalDate today) {
        String text = line == null ? "" : line.strip();
        List<String> words = new ArrayList<>(List.of(text.isEmpty() ? new String[0] : text.split("\\s+")));
        List<String> title = new ArrayList<>();
        Set<String> tags = new LinkedHashSet<>();
        Priority priority = Priority.NONE;
        LocalDate date = null;
        LocalTime time = null;
        Recurrence recurrence = null;

        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String lower = word.toLowerCase(Locale.ROOT);
            String next = i + 1 < words.size() ? words.get(i + 1).toLowerCase(Locale.ROOT) : "";
            String after = i + 2 < words.size() ? words.get(i + 2).toLowerCase(Locale.ROOT) : "";
            Matcher tag = TAG.matcher(word);
            Matcher prio = PRIORITY.matcher(word);
            Optional<Recurrence.Parsed> repeats = recurrence == null && lower.equals("every")
                    ? Recurrence.parse(words.subList(i, words.size())) : Optional.empty();
            if (repeats.isPresent()) {
                recurrence = repeats.get().recurrence();
                i += repeats.get().wordsUsed() - 1;
            } else if (tag.matches()) {
                tags.add(tag.group(1).toLowerCase(Locale.ROOT));
            } else if (prio.matches()) {
                priority = Priority.fromWord(prio.group(1));
            } else if (date == null && lower.equals("today")) {
                date = today;
            } else if (date == null && lower.equals("tonight")) {
                date = today;
                time = time == null ? LocalTime.of(20, 0) : time;
            } else if (date == null && (lower.equals("tomorrow") || lower.equals("tmrw"))) {
                date = today.plusDays(1);
            } else if (date == null && WEEKDAYS.containsKey(lower)) {
                date = today.with(TemporalAdjusters.next(WEEKDAYS.get(lower)));
            } else if (date == null && lower.equals("next") && WEEKDAYS.containsKey(next)) {
                date = today.with(TemporalAdjusters.next(WEEKDAYS.get(next)));
                i++;
            } else if (date == null && lower.equals("next") && next.equals("week")) {
                date = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
                i++;
            } else if (date == null && lower.equals("next") && next.equals("month")) {
                date = today.plusMonths(1);
                i++;
            } else if (date == null && lower.equals("in") && NUMBER.matcher(next).matches() && unit(after).isPresent()) {
                date = plus(today, Integer.parseInt(next), unit(after).get());
                i += 2;
            } else if (date == null && ISO_DATE.matcher(lower).matches() && isoDate(lower).isPresent()) {
                date = isoDate(lower).get();
            } else if (date == null && NUMBER.matcher(lower).matches() && MONTHS.containsKey(next)
                    && dayOfMonth(today, MONTHS.get(next), Integer.parseInt(lower)).isPresent()) {
                date = dayOfMonth(today, MONTHS.get(next), Integer.parseInt(lower)).get();
                i++;
            } else if (date == null && MONTHS.containsKey(lower) && NUMBER.matcher(next).matches()
                    && dayOfMonth(today, MONTHS.get(lower), Integer.parseInt(next)).isPresent()) {
                date = dayOfMonth(today, MONTHS.get(lower), Integer.parseInt(next)).get();
                i++;
            } else if (time == null && clock(lower).isPresent()) {
                time = clock(lower).get();
            } else if (time == null && lower.equals("at") && clock(next).isPresent()) {
                time = clock(next).get();
                i++;
            } else if (time == null && lower.equals("at") && NUMBER.matcher(next).matches()
                    && Integer.parseInt(next) >= 1 && Integer.parseInt(next) <= 23) {
                time = LocalTime.of(Integer.parseInt(next), 0);
                i++;
            } else {
                title.add(word);
            }
        }
        if (date == null && recurrence != null) {
            date = recurrence.first(today);
        }
        if (time != null && date == null) {
            date = today;
        }
        String cleanTitle = String.join(" ", title).strip();
        return new Parsed(cleanTitle.isEmpty() ? text : cleanTitle, date, time, priority, List.copyOf(tags), recurrence);
    }

    private enum Unit { DAYS, WEEKS, MONTHS }

    private static Optional<Unit> unit(String word) {
        return switch (word) {
            case "day", "days" -> Optional.of(Unit.DAYS);
            case "week", "weeks" -> Optional.of(Unit.WEEKS);
            case "month", "months" -> Optional.of(Unit.MONTHS);
            default -> Optional.empty();
        };
    }

    private static LocalDate plus(LocalDate today, int amount, Unit unit) {
        return switch (unit) {
            case DAYS -> today.plusDays(amount);
            case WEEKS -> today.plusWeeks(amount);
            case MONTHS -> today.plusMonths(amount);
        };
    }

    private static Optional<LocalDate> isoDate(String word) {
        try {
            return Optional.of(LocalDate.parse(word));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The next such day from today on (this year, or next year once it has passed); none if it does not exist. */
    private static Optional<LocalDate> dayOfMonth(LocalDate today, Month month, int day) {
        for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
            if (day >= 1 && day <= month.length(java.time.Year.isLeap(year))) {
                LocalDate date = LocalDate.of(year, month, day);
                if (!date.isBefore(today)) {
                    return Optional.of(date);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalTime> clock(String word) {
        if (word.equals("noon")) {
            return Optional.of(LocalTime.NOON);
        }
        if (word.equals("midnight")) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        Matcher twelve = CLOCK_12.matcher(word);
        if (twelve.matches()) {
            int hour = Integer.parseInt(twelve.group(1));
            int minute = twelve.group(2) == null ? 0 : Integer.parseInt(twelve.group(2));
            if (hour < 1 || hour > 12 || minute > 59) {
                return Optional.empty();
            }
            boolean pm = twelve.group(3).equalsIgnoreCase("pm");
            return Optional.of(LocalTime.of(hour % 12 + (pm ? 12 : 0), minute));
        }
        Matcher twentyFour = CLOCK_24.matcher(word);
        if (twentyFour.matches()) {
            return Optional.of(LocalTime.of(Integer.parseInt(twentyFour.group(1)), Integer.parseInt(twentyFour.group(2))));
        }
        return Optional.empty();
    }

    private static Map<String, DayOfWeek> weekdays() {
        Map<String, DayOfWeek> names = new java.util.HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            names.put(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
            names.put(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
        }
        return Map.copyOf(names);
    }

    private static Map<String, Month> months() {
        Map<String, Month> names = new java.util.HashMap<>();
        for (Month month : Month.values()) {
            names.put(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), month);
            names.put(month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), month);
        }
        names.put("sept", Month.SEPTEMBER);
        return Map.copyOf(names);
    }
}
