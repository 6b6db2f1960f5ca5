package dev.modulo.todo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a task repeats: every N days, weeks (optionally on chosen weekdays), months or years from
 * its due date, or N days after it was completed. Stored as a short text ({@link #code()}), read
 * from what people type ({@link #parse}), e.g. "every week on mon, thu" or "every 3 days after done".
 */
public record Recurrence(Unit unit, int interval, Set<DayOfWeek> days) {

    public enum Unit { DAY, WEEK, MONTH, YEAR, AFTER_DONE }

    public Recurrence {
        if (interval < 1 || interval > 365) {
            throw new IllegalArgumentException("interval out of range: " + interval);
        }
        days = days == null || days.isEmpty() ? Set.of() : Set.copyOf(days);
    }

    /** The next due date after a task due on {@code due} was completed on {@code completedOn}. */
    public LocalDate next(LocalDate due, LocalDate completedOn) {
        LocalDate from = due == null ? completedOn : due;
        return switch (unit) {
            case DAY -> from.plusDays(interval);
            case WEEK -> days.isEmpty() ? from.plusWeeks(interval) : nextWeekday(from);
            case MONTH -> from.plusMonths(interval);
            case YEAR -> from.plusYears(interval);
            case AFTER_DONE -> completedOn.plusDays(interval);
        };
    }

    /** The first due date of a new repeating task typed without a date. */
    public LocalDate first(LocalDate today) {
        return unit == Unit.WEEK && !days.isEmpty() && !days.contains(today.getDayOfWeek()) ? nextWeekday(today) : today;
    }

    private LocalDate nextWeekday(LocalDate from) {
        // The next chosen weekday; past the week's last one, jump the interval's extra weeks.
        LocalDate candidate = from.plusDays(1);
        for (int i = 0; i < 7; i++, candidate = candidate.plusDays(1)) {
            if (days.contains(candidate.getDayOfWeek())) {
                boolean newWeek = !candidate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .equals(from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
                return newWeek ? candidate.plusWeeks(interval - 1L) : candidate;
            }
        }
        return from.plusWeeks(interval);
    }

    /** {@code week:1:MONDAY,THURSDAY}, as stored. */
    public String code() {
        String base = unit.name().toLowerCase(Locale.ROOT) + ":" + interval;
        return days.isEmpty() ? base : base + ":" + sortedDays().stream().map(Enum::name).collect(Collectors.joining(","));
    }

    public static Optional<Recurrence> fromCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = code.split(":");
            Set<DayOfWeek> days = parts.length > 2
                    ? java.util.Arrays.stream(parts[2].split(",")).map(DayOfWeek::valueOf).collect(Collectors.toSet())
                    : Set.of();
            return Optional.of(new Recurrence(Unit.valueOf(parts[0].toUpperCase(Locale.ROOT)), Integer.parseInt(parts[1]), days));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "every week on Mon, Thu", "every 3 days after done". */
    public String describe() {
        String noun = switch (unit) {
            case DAY, AFTER_DONE -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
            case YEAR -> "year";
        };
        String every = interval == 1 ? "every " + noun : "every " + interval + " " + noun + "s";
        if (!days.isEmpty()) {
            every += " on " + sortedDays().stream()
                    .map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                    .collect(Collectors.joining(", "));
        }
        return unit == Unit.AFTER_DONE ? every + " after done" : every;
    }

    private List<DayOfWeek> sortedDays() {
        return days.stream().sorted().toList();
    }

    /**
     * Reads "every …" from the start of {@code words}; answers the rule and how many words it used.
     */
    static Optional<Parsed> parse(List<String> words) {
        if (words.isEmpty() || !words.get(0).equalsIgnoreCase("every")) {
            return Optional.empty();
        }
        int i = 1;
        int interval = 1;
        if (i < words.size() && words.get(i).matches("\\d{1,3}")) {
            interval = Integer.parseInt(words.get(i));
            i++;
        }
        if (interval < 1 || interval > 365 || i >= words.size()) {
            return Optional.empty();
        }
        String word = clean(words.get(i));
        Unit unit;
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        switch (word) {
            case "day", "days" -> unit = Unit.DAY;
            case "week", "weeks" -> unit = Unit.WEEK;
            case "month", "months" -> unit = Unit.MONTH;
            case "year", "years" -> unit = Unit.YEAR;
            case "weekday", "weekdays" -> {
                unit = Unit.WEEK;
                days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
            }
            default -> {
                Optional<DayOfWeek> day = weekday(word);
                if (day.isEmpty()) {
                    return Optional.empty();
                }
                unit = Unit.WEEK;
                days.add(day.get());
            }
        }
        i++;
        if (unit == Unit.WEEK && i < words.size() && words.get(i).equalsIgnoreCase("on")) {
            i++;
        }
        // More weekdays: "mon, thu", "mon and thu".
        while (unit == Unit.WEEK && i < words.size()) {
            String next = clean(words.get(i));
            if (next.equals("and")) {
                i++;
                continue;
            }
            Optional<DayOfWeek> day = weekday(next);
            if (day.isEmpty()) {
                break;
            }
            days.add(day.get());
            i++;
        }
        if (unit == Unit.DAY && i + 1 < words.size() && words.get(i).equalsIgnoreCase("after")
                && List.of("done", "completion", "completed").contains(clean(words.get(i + 1)))) {
            unit = Unit.AFTER_DONE;
            i += 2;
        }
        return Optional.of(new Parsed(new Recurrence(unit, interval, days), i));
    }

    /** Reads a whole typed rule ("every 2 weeks"); empty when it is not one. */
    public static Optional<Recurrence> parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(List.of(typed.strip().split("\\s+")));
        if (!words.get(0).equalsIgnoreCase("every")) {
            words.add(0, "every");
        }
        return parse(words).filter(parsed -> parsed.wordsUsed() == words.size()).map(Parsed::recurrence);
    }

    record Parsed(Recurrence recurrence, int wordsUsed) {
    }

    private static String clean(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[,.;]+$", "");
    }

    private static Optional<DayOfWeek> weekday(String word) {
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (word.equals(full) || word.equals(full + "s") || word.equals(full.substring(0, 3))) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }
}
