package dev.modulo.todo.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists, quick add, smart views, ordering, subtasks and editing, through the pages. */
@ModuloIntegrationTest
class TodoPagesTest {

    static final Pattern LIST_LOCATION = Pattern.compile("/todo/lists/(\\d+)");
    static final Pattern TASK_ID = Pattern.compile("data-task-id=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("todo"), "a long and unusual passphrase", "basic");
    }

    static long createList(TestBrowser browser, String name) {
        Matcher id = LIST_LOCATION.matcher(String.valueOf(browser.post("/todo/lists", Map.of("name", name)).location()));
        assertThat(id.matches()).isTrue();
        return Long.parseLong(id.group(1));
    }

    static List<Long> taskIds(Page page) {
        return TASK_ID.matcher(page.body()).results().map(match -> Long.parseLong(match.group(1))).toList();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void quickAddUnderstandsDatesPrioritiesAndTagsAndTheViewsSortThem() {
        TestBrowser me = signUp();
        long home = createList(me, "Home");

        for (String line : List.of("Pay rent tomorrow 9am !high #home", "Buy bread today #shop", "Old bill 2020-01-01",
                "Read a book", "Plan trip in 3 days !low")) {
            assertThat(me.post("/todo/lists/" + home + "/tasks", Map.of("line", line)).location())
                    .isEqualTo("/todo/lists/" + home);
        }

        Page list = me.get("/todo/lists/" + home);
        assertThat(list.body()).contains(">Pay rent</a>", "class=\"priority high\"", "09:00", "#home", ">Buy bread</a>",
                ">Read a book</a>");
        Page today = me.get("/todo/today");
        assertThat(today.body()).contains(">Buy bread</a>").doesNotContain(">Pay rent</a>", ">Read a book</a>", ">Old bill</a>");
        Page upcoming = me.get("/todo/upcoming");
        assertThat(upcoming.body()).contains(">Pay rent</a>", ">Plan trip</a>").doesNotContain(">Buy bread</a>");
        assertThat(upcoming.body().indexOf(">Pay rent</a>")).isLessThan(upcoming.body().indexOf(">Plan trip</a>"));
        Page overdue = me.get("/todo/overdue");
        assertThat(overdue.body()).contains("Old bill", "class=\"due overdue\"");
    }

    @Test
    void completingATaskMovesItToDoneAndCompletedAndBack() {
        TestBrowser me = signUp();
        long list = createList(me, "Errands");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Post the letter today"));
        long task = taskIds(me.get("/todo/lists/" + list)).get(0);

        assertThat(me.post("/todo/tasks/" + task + "/toggle", Map.of("return", "/todo/today")).location())
                .isEqualTo("/todo/today");
        assertThat(me.get("/todo/today").body()).doesNotContain("Post the letter");
        assertThat(me.get("/todo/completed").body()).contains("Post the letter", "task done");
        assertThat(me.get("/todo/lists/" + list).body()).contains("Done (1)");

        Page elsewhere = me.post("/todo/tasks/" + task + "/toggle", Map.of("return", "https://evil.example/"));
        assertThat(elsewhere.status()).as("a return address off the site is refused before anything changes")
                .isEqualTo(400);
        assertThat(me.get("/todo/today").body()).doesNotContain("Post the letter");

        me.post("/todo/tasks/" + task + "/toggle", Map.of());
        assertThat(me.get("/todo/today").body()).contains("Post the letter");
    }

    @Test
    void completingARepeatingTaskCreatesTheNextAndKeepsTheDoneOneInHistory() {
        TestBrowser me = signUp();
        long list = createList(me, "Chores");
        LocalDate monday = today().with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Bins out every week on mon " + monday));
        long first = taskIds(me.get("/todo/lists/" + list)).get(0);
        assertThat(me.get("/todo/lists/" + list).body()).contains("↻ every week on Mon");

        me.post("/todo/tasks/" + first + "/toggle", Map.of());

        Page page = me.get("/todo/lists/" + list);
        List<Long> ids = taskIds(page);
        assertThat(ids).hasSize(2).contains(first);
        long next = ids.stream().filter(id -> id != first).findFirst().orElseThrow();
        assertThat(me.get("/todo/tasks/" + next).body()).contains("value=\"" + monday.plusWeeks(1) + "\"",
                "value=\"every week on Mon\"");
        assertThat(me.get("/todo/completed").body()).contains("Bins out");

        Page badRule = me.post("/todo/tasks/" + next, Map.of("title", "Bins out", "notes", "", "dueDate", "",
                "dueTime", "", "priority", "0", "tags", "", "listId", String.valueOf(list), "repeats", "every blue moon"));
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(badRule.body()).contains("Write it like");
    }

    @Test
    void tasksKeepTheOrderTheyAreMovedIn() {
        TestBrowser me = signUp();
        long list = createList(me, "Order");
        for (String title : List.of("first", "second", "third")) {
            me.post("/todo/lists/" + list + "/tasks", Map.of("line", title));
        }
        List<Long> ids = taskIds(me.get("/todo/lists/" + list));

        me.post("/todo/tasks/" + ids.get(2) + "/move", Map.of("direction", "up"));
        me.post("/todo/tasks/" + ids.get(2) + "/move", Map.of("direction", "up"));
        me.post("/todo/tasks/" + ids.get(0) + "/move", Map.of("direction", "down"));

        assertThat(taskIds(me.get("/todo/lists/" + list))).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void subtasksAreOneLevelDeepAndCounted() {
        TestBrowser me = signUp();
        long list = createList(me, "Move house");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Pack"));
        long pack = taskIds(me.get("/todo/lists/" + list)).get(0);

        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Books", "parentId", String.valueOf(pack)));
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Kitchen", "parentId", String.valueOf(pack)));
        List<Long> subtasks = taskIds(me.get("/todo/tasks/" + pack));
        me.post("/todo/tasks/" + subtasks.get(0) + "/toggle", Map.of());

        assertThat(me.get("/todo/lists/" + list).body()).contains("<span class=\"progress\">1/2</span>");
        Page tooDeep = me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Paperbacks",
                "parentId", String.valueOf(subtasks.get(0))));
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.body()).contains("Subtasks can only be one level deep.");
    }

    @Test
    void editingChecksEveryFieldAndAPastDueDateIsAllowed() {
        TestBrowser me = signUp();
        long list = createList(me, "Work");
        long other = createList(me, "Later");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Report"));
        long task = taskIds(me.get("/todo/lists/" + list)).get(0);

        Page bad = me.post("/todo/tasks/" + task, Map.of("title", " ", "notes", "n".repeat(100_000),
                "dueDate", "31/12", "dueTime", "25:00", "priority", "9", "tags", "", "listId", String.valueOf(list)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Give the task a title.", "Keep the notes under 20000 characters.",
                "Enter a date like 2026-12-24.", "Enter a time like 09:30.", "Choose a priority from the list.");
        Page timeWithoutDate = me.post("/todo/tasks/" + task, Map.of("title", "Report", "notes", "", "dueDate", "",
                "dueTime", "10:00", "priority", "0", "tags", "", "listId", String.valueOf(list)));
        assertThat(timeWithoutDate.body()).contains("Choose a date for this time.");

        Page saved = me.post("/todo/tasks/" + task, Map.of("title", "Quarterly report", "notes", "Ask Sam",
                "dueDate", "2020-03-31", "dueTime", "", "priority", "3", "tags", "work, #q1", "listId", String.valueOf(other)));
        assertThat(saved.location()).isEqualTo("/todo/lists/" + other);
        assertThat(me.get("/todo/lists/" + other).body()).contains("Quarterly report", "#q1", "due overdue");
        assertThat(me.get("/todo/overdue").body()).contains("Quarterly report");
    }

    @Test
    void listsAreCreatedRenamedReorderedAndDeletedWithTheirTasks() {
        TestBrowser me = signUp();
        Page empty = me.post("/todo/lists", Map.of("name", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("Give the list a name.");
        long first = createList(me, "First");
        long second = createList(me, "Second");

        me.post("/todo/lists/" + second + "/move", Map.of("direction", "up"));
        String side = me.get("/todo/today").body();
        assertThat(side.indexOf(">Second<")).isLessThan(side.indexOf(">First<"));

        me.post("/todo/lists/" + first + "/rename", Map.of("name", "Renamed"));
        me.post("/todo/lists/" + first + "/tasks", Map.of("line", "Goes with the list"));
        assertThat(me.get("/todo/lists/" + first + "/delete").body()).contains("Renamed", "1</span> tasks");
        me.post("/todo/lists/" + first + "/delete", Map.of());
        assertThat(me.get("/todo/lists/" + first).status()).isEqualTo(404);
        assertThat(me.get("/todo/today").body()).doesNotContain("Renamed");
    }

    @Test
    void quickAddFromTodayMakesAnInboxWhenThereIsNoList() {
        TestBrowser me = signUp();

        assertThat(me.post("/todo/today", Map.of("line", "Water the plants today")).location()).isEqualTo("/todo/today");

        assertThat(me.get("/todo/today").body()).contains("Water the plants", ">Inbox<");
        Page blank = me.post("/todo/today", Map.of("line", "   "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("Type what there is to do.");
    }

    @Test
    void anotherAccountCannotSeeChangeCompleteReorderMoveIntoOrDeleteListsAndTasks() {
        TwoAccounts two = TwoAccounts.signUp(client);
        long list = createList(two.owner(), "Private");
        two.owner().post("/todo/lists/" + list + "/tasks", Map.of("line", "Secret errand tomorrow"));
        long task = taskIds(two.owner().get("/todo/lists/" + list)).get(0);
        long intruderList = createList(two.intruder(), "Mine");
        two.intruder().post("/todo/lists/" + intruderList + "/tasks", Map.of("line", "Their task"));
        long intruderTask = taskIds(two.intruder().get("/todo/lists/" + intruderList)).get(0);

        two.assertIntruderGets404(List.of(
                Route.get("/todo/lists/" + list),
                Route.post("/todo/lists/" + list + "/tasks", Map.of("line", "Injected")),
                Route.post("/todo/lists/" + list + "/rename", Map.of("name", "Hijacked")),
                Route.post("/todo/lists/" + list + "/move", Map.of("direction", "up")),
                Route.get("/todo/lists/" + list + "/delete"),
                Route.post("/todo/lists/" + list + "/delete", Map.of()),
                Route.get("/todo/tasks/" + task),
                Route.post("/todo/tasks/" + task, Map.of("title", "Mine now", "listId", String.valueOf(intruderList))),
                Route.post("/todo/tasks/" + task + "/toggle", Map.of()),
                Route.post("/todo/tasks/" + task + "/move", Map.of("direction", "up")),
                Route.get("/todo/tasks/" + task + "/delete"),
                Route.post("/todo/tasks/" + task + "/delete", Map.of()),
                Route.post("/todo/tasks/" + intruderTask, Map.of("title", "Their task", "notes", "", "dueDate", "",
                        "dueTime", "", "priority", "0", "tags", "", "listId", String.valueOf(list))),
                Route.post("/todo/lists/" + intruderList + "/tasks", Map.of("line", "Under theirs",
                        "parentId", String.valueOf(task)))));

        Page owners = two.owner().get("/todo/lists/" + list);
        assertThat(owners.body()).contains("<h1>Private</h1>", "Secret errand").doesNotContain("Injected", "Their task");
        assertThat(two.intruder().get("/todo/upcoming").body()).doesNotContain("Secret errand");
        assertThat(two.intruder().get("/todo/lists/" + intruderList).body()).doesNotContain("Under theirs");
    }
}
