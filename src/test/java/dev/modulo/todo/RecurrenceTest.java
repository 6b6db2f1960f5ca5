package dev.modulo.todo;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Repeating tasks: reading the rule, and the next due date once one is done. */
class RecurrenceTest {

    @ParameterizedTest(name = "{0}: due {1}, done {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            every day                  | 2026-11-25 | 2026-11-27 | 2026-11-26 | every day
            every 2 days               | 2026-11-25 | 2026-11-25 | 2026-11-27 | every 2 days
            every week                 | 2026-11-25 | 2026-11-30 | 2026-12-02 | every week
            every week on mon, thu     | 2026-11-23 | 2026-11-23 | 2026-11-26 | every week on Mon, Thu
            every mon and thu          | 2026-11-26 | 2026-11-26 | 2026-11-30 | every week on Mon, Thu
            every 2 weeks on monday    | 2026-11-23 | 2026-11-23 | 2026-12-07 | every 2 weeks on Mon
            every weekday              | 2026-11-27 | 2026-11-27 | 2026-11-30 | every week on Mon, Tue, Wed, Thu, Fri
            every month                | 2027-01-31 | 2027-01-31 | 2027-02-28 | every month
            every year                 | 2028-02-29 | 2028-02-29 | 2029-02-28 | every year
            every 3 days after done    | 2026-11-20 | 2026-11-25 | 2026-11-28 | every 3 days after done
            """)
    void theNextDueDateFollowsTheRule(String typed, LocalDate due, LocalDate done, LocalDate next, String described) {
        Recurrence rule = Recurrence.parse(typed).orElseThrow();

        assertThat(rule.next(due, done)).isEqualTo(next);
        assertThat(rule.describe()).isEqualTo(described);
        assertThat(Recurrence.fromCode(rule.code())).contains(rule);
        assertThat(Recurrence.parse(rule.describe())).contains(rule);
    }

    @Test
    void whatIsNotARuleIsNotReadAsOne() {
        assertThat(Recurrence.parse("every blue moon")).isEmpty();
        assertThat(Recurrence.parse("every 0 days")).isEmpty();
        assertThat(Recurrence.parse("every 9999 days")).isEmpty();
        assertThat(Recurrence.parse("sometimes")).isEmpty();
        assertThat(Recurrence.fromCode("nonsense")).isEmpty();
    }

    @Test
    void quickAddReadsARepeatAndStartsItOnItsFirstDay() {
        QuickAdd.Parsed standup = QuickAdd.parse("Standup every weekday 9:30 #work", LocalDate.parse("2026-11-28"));
        assertThat(standup.title()).isEqualTo("Standup");
        assertThat(standup.recurrence().describe()).isEqualTo("every week on Mon, Tue, Wed, Thu, Fri");
        assertThat(standup.dueDate()).as("Saturday: first on Monday").isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(standup.tags()).containsExactly("work");

        QuickAdd.Parsed plants = QuickAdd.parse("Water plants every 3 days after done", LocalDate.parse("2026-11-25"));
        assertThat(plants.title()).isEqualTo("Water plants");
        assertThat(plants.recurrence().unit()).isEqualTo(Recurrence.Unit.AFTER_DONE);
        assertThat(plants.dueDate()).isEqualTo(LocalDate.parse("2026-11-25"));

        QuickAdd.Parsed notARule = QuickAdd.parse("Read every page", LocalDate.parse("2026-11-25"));
        assertThat(notARule.title()).isEqualTo("Read every page");
        assertThat(notARule.recurrence()).isNull();
    }
}
