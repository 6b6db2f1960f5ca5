package dev.modulo.todo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick-add grammar, as a table: typed line and today → title, due date, time, priority, tags. */
class QuickAddTest {

    @ParameterizedTest(name = "[{1}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Pay rent tomorrow 9am !high #home       | 2026-11-25 | Pay rent                | 2026-11-26 | 09:00 | HIGH   | home
            Call the plumber next friday #work      | 2026-11-25 | Call the plumber        | 2026-11-27 | -     | NONE   | work
            Call the plumber next friday            | 2026-11-27 | Call the plumber        | 2026-12-04 | -     | NONE   | -
            Water plants friday                     | 2026-11-27 | Water plants            | 2026-12-04 | -     | NONE   | -
            Buy bread today                         | 2026-11-25 | Buy bread               | 2026-11-25 | -     | NONE   | -
            Film tonight #fun #Family               | 2026-11-25 | Film                    | 2026-11-25 | 20:00 | NONE   | fun,family
            Dentist at 14:30 !2                     | 2026-11-25 | Dentist                 | 2026-11-25 | 14:30 | MEDIUM | -
            Standup at 9                            | 2026-11-25 | Standup                 | 2026-11-25 | 09:00 | NONE   | -
            Lunch noon tmrw                         | 2026-11-25 | Lunch                   | 2026-11-26 | 12:00 | NONE   | -
            Renew passport in 3 weeks !low          | 2026-11-25 | Renew passport          | 2026-12-16 | -     | LOW    | -
            Pay invoice in 1 month                  | 2027-01-31 | Pay invoice             | 2027-02-28 | -     | NONE   | -
            Review next month                       | 2028-01-31 | Review                  | 2028-02-29 | -     | NONE   | -
            Plan week next week                     | 2026-11-29 | Plan week               | 2026-11-30 | -     | NONE   | -
            Christmas dinner 2026-12-24 18:00       | 2026-11-25 | Christmas dinner        | 2026-12-24 | 18:00 | NONE   | -
            Send cards 20 dec                       | 2026-11-25 | Send cards              | 2026-12-20 | -     | NONE   | -
            Tax return jan 31                       | 2026-11-25 | Tax return              | 2027-01-31 | -     | NONE   | -
            Leap day feb 29                         | 2027-03-01 | Leap day                | 2028-02-29 | -     | NONE   | -
            Read 1984 on the train                  | 2026-11-25 | Read 1984 on the train  | -          | -     | NONE   | -
            Meet at the station 9:30pm              | 2026-11-25 | Meet at the station     | 2026-11-25 | 21:30 | NONE   | -
            Call mom at 25                          | 2026-11-25 | Call mom at 25          | -          | -     | NONE   | -
            Pick up 13:75 parcel                    | 2026-11-25 | Pick up 13:75 parcel    | -          | -     | NONE   | -
            Fix bug 2026-02-30                      | 2026-11-25 | Fix bug 2026-02-30      | -          | -     | NONE   | -
            friday                                  | 2026-11-25 | friday                  | 2026-11-27 | -     | NONE   | -
            !high #urgent                           | 2026-11-25 | !high #urgent           | -          | -     | HIGH   | urgent
            Book flights #travel #travel !HIGH      | 2026-11-25 | Book flights            | -          | -     | HIGH   | travel
            """)
    void aLineIsReadIntoItsParts(String line, LocalDate today, String title, LocalDate date, LocalTime time,
            Priority priority, String tags) {
        QuickAdd.Parsed parsed = QuickAdd.parse(line, today);

        assertThat(parsed.title()).isEqualTo(title);
        assertThat(parsed.dueDate()).isEqualTo(date);
        assertThat(parsed.dueTime()).isEqualTo(time);
        assertThat(parsed.priority()).isEqualTo(priority);
        assertThat(parsed.tags()).isEqualTo(tags == null ? List.of() : Arrays.asList(tags.split(",")));
    }
}
