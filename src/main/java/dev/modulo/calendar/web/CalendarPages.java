package dev.modulo.calendar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import dev.modulo.calendar.CalendarView;
import dev.modulo.calendar.Occurrence;

/** The shapes the calendar templates draw: a month of weeks, a week of hours, an agenda of days. */
final class CalendarPages {

    static final int MONTH_CELL_LIMIT = 4;

    private CalendarPages() {
    }

    /** One day in a grid: its occurrences as the viewer (in {@code zone}) sees them. */
    record Day(LocalDate date, boolean inPeriod, boolean today, List<Occurrence> occurrences, ZoneId zone) {

        public List<Occurrence> shown() {
            return occurrences.size() <= MONTH_CELL_LIMIT ? occurrences : occurrences.subList(0, MONTH_CELL_LIMIT - 1);
        }

        public int hidden() {
            return occurrences.size() - shown().size();
        }

        /** For the week's top row: all-day events, and timed ones that do not start and end on this day. */
        public List<Occurrence> allDay() {
            return occurrences.stream().filter(occurrence -> !withinDay(occurrence)).toList();
        }

        /** Timed occurrences that start in {@code hour} of this day (and end on it). */
        public List<Occurrence> startingAt(int hour) {
            return occurrences.stream()
                    .filter(this::withinDay)
                    .filter(occurrence -> occurrence.startIn(zone).getHour() == hour)
                    .toList();
        }

        private boolean withinDay(Occurrence occurrence) {
            return !occurrence.allDay() && occurrence.firstDayIn(zone).equals(date)
                    && occurrence.lastDayIn(zone).equals(date);
        }
    }

    static LocalDate startOfWeek(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The weeks (Monday first) that show the month of {@code date}. */
    static LocalDate[] monthRange(LocalDate date) {
        LocalDate first = date.withDayOfMonth(1);
        LocalDate start = startOfWeek(first);
        LocalDate end = startOfWeek(first.plusMonths(1).minusDays(1)).plusWeeks(1);
        return new LocalDate[] {start, end};
    }

    static List<List<Day>> weeks(CalendarView view, LocalDate month, LocalDate today) {
        List<List<Day>> weeks = new ArrayList<>();
        for (LocalDate weekStart = view.from(); weekStart.isBefore(view.to()); weekStart = weekStart.plusWeeks(1)) {
            weeks.add(days(view, weekStart, 7, today, day -> day.getMonth() == month.getMonth()));
        }
        return weeks;
    }

    static List<Day> days(CalendarView view, LocalDate from, int count, LocalDate today,
            java.util.function.Predicate<LocalDate> inPeriod) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate date = from.plusDays(i);
            days.add(new Day(date, inPeriod.test(date), date.equals(today), view.on(date), view.zone()));
        }
        return days;
    }
}
