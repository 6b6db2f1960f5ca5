package dev.modulo.todo.web;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.accounts.AccountService;
import dev.modulo.testing.Interleaving;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.todo.TodoService;
import dev.modulo.todo.TodoTask;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tabs at once: ticks, drags and edits of one task or list never silently undo each other, and
 * several tabs ticking one repeating task make one next repetition.
 */
@ModuloIntegrationTest
class TodoConcurrencyTest {

    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    @Autowired
    TodoService todo;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionFactory database;

    String username;

    TestBrowser signUp() {
        username = TestBrowser.uniqueName("todo");
        return new TestBrowser(client)
                .signUp(username, "a long and unusual passphrase", "basic");
    }

    long accountId() {
        return accounts.findByUsername(username).block().id();
    }

    List<TodoTask> tasksOf(long list) {
        return todo.page(accountId(), list).block().tasks().stream()
                .flatMap(node -> java.util.stream.Stream.concat(java.util.stream.Stream.of(node.task()),
                        node.subtasks().stream()))
                .toList();
    }

    static String version(Page page) {
        Matcher version = VERSION.matcher(page.body());
        assertThat(version.find()).as("a version field in %s", page.body()).isTrue();
        return version.group(1);
    }

    @Test
    void fiveTabsTickingOneRepeatingTaskDoneMakeOneNextRepetition() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Plants");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Water the plants today every day"));
        long task = TodoPagesTest.taskIds(me.get("/todo/lists/" + list)).get(0);

        List<Page> answers = me.postAtOnce("/todo/tasks/" + task + "/toggle",
                Collections.nCopies(5, Map.of("done", "true", "return", "/todo/lists/" + list)));

        assertThat(answers).extracting(Page::status).containsOnly(303);
        List<TodoTask> tasks = tasksOf(list);
        assertThat(tasks).as("the task, done, and one next repetition").hasSize(2);
        assertThat(tasks).filteredOn(TodoTask::isDone).extracting(TodoTask::id).containsExactly(task);
        assertThat(tasks).filteredOn(found -> !found.isDone()).singleElement()
                .satisfies(next -> assertThat(next.dueDate()).isEqualTo(TodoPagesTest.today().plusDays(1)));
    }

    @Test
    void tickingDoneAgainOrOpenAgainChangesNothingMore() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Bins");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Bins out today every week"));
        long task = TodoPagesTest.taskIds(me.get("/todo/lists/" + list)).get(0);

        me.post("/todo/tasks/" + task + "/toggle", Map.of("done", "true"));
        me.post("/todo/tasks/" + task + "/toggle", Map.of("done", "true"));
        assertThat(tasksOf(list)).hasSize(2);
        me.post("/todo/tasks/" + task + "/toggle", Map.of("done", "false"));
        me.post("/todo/tasks/" + task + "/toggle", Map.of("done", "false"));
        assertThat(tasksOf(list)).hasSize(2).noneMatch(TodoTask::isDone);
    }

    @Test
    void aStaleEditFormIsAnswered409WithWhatWasTypedAndSavingAgainIsAChoice() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Home");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Fix the tap"));
        long task = TodoPagesTest.taskIds(me.get("/todo/lists/" + list)).get(0);
        String tabA = version(me.get("/todo/tasks/" + task));
        String tabB = version(me.get("/todo/tasks/" + task));

        assertThat(me.post("/todo/tasks/" + task, form("Fix the kitchen tap", "Washer size 1/2", list, tabA)).status())
                .isEqualTo(303);
        Page stale = me.post("/todo/tasks/" + task, form("Call a plumber", "", list, tabB));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("This was changed elsewhere — reload and try again.", "value=\"Call a plumber\"");
        assertThat(tasksOf(list)).singleElement().satisfies(found -> {
            assertThat(found.title()).isEqualTo("Fix the kitchen tap");
            assertThat(found.notes()).isEqualTo("Washer size 1/2");
        });

        assertThat(me.post("/todo/tasks/" + task, form("Call a plumber", "", list, version(stale))).status())
                .isEqualTo(303);
        assertThat(tasksOf(list)).singleElement().extracting(TodoTask::title).isEqualTo("Call a plumber");
    }

    @Test
    void aStaleRenameOfAListIsAnswered409() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Shopping");
        String tabA = version(me.get("/todo/lists/" + list));
        String tabB = version(me.get("/todo/lists/" + list));

        assertThat(me.post("/todo/lists/" + list + "/rename", Map.of("name", "Groceries", "version", tabA)).status())
                .isEqualTo(303);
        Page stale = me.post("/todo/lists/" + list + "/rename", Map.of("name", "Hardware store", "version", tabB));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("This was changed elsewhere", "value=\"Hardware store\"");
        assertThat(todo.list(accountId(), list).block().name()).isEqualTo("Groceries");
    }

    @Test
    void movingATaskWhileAnotherTabSavesItsEditKeepsTheEdit() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Work");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "First"));
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Second"));
        List<Long> ids = TodoPagesTest.taskIds(me.get("/todo/lists/" + list));
        long second = ids.get(1);

        Page moved = Interleaving.saveAWhile(database,
                "UPDATE todo_task SET title = 'Second, edited in tab A', version = version + 1 WHERE id = " + second,
                () -> me.post("/todo/tasks/" + second + "/move", Map.of("direction", "up")));

        assertThat(moved.status()).isEqualTo(303);
        assertThat(tasksOf(list)).extracting(TodoTask::title).containsExactly("Second, edited in tab A", "First");
    }

    @Test
    void draggingTasksWhileAnotherTabSavesAnEditKeepsTheEdit() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Garden");
        for (String line : List.of("Mow", "Rake", "Plant")) {
            me.post("/todo/lists/" + list + "/tasks", Map.of("line", line));
        }
        List<Long> ids = TodoPagesTest.taskIds(me.get("/todo/lists/" + list));

        Page dragged = Interleaving.saveAWhile(database,
                "UPDATE todo_task SET notes = 'Sharpen the blade first', version = version + 1 WHERE id = " + ids.get(0),
                () -> me.post("/todo/lists/" + list + "/order",
                        Map.of("ids", ids.get(2) + "," + ids.get(1) + "," + ids.get(0))));

        assertThat(dragged.status()).isEqualTo(204);
        assertThat(tasksOf(list)).extracting(TodoTask::title).containsExactly("Plant", "Rake", "Mow");
        assertThat(tasksOf(list).get(2).notes()).isEqualTo("Sharpen the blade first");
    }

    @Test
    void tickingATaskWhileAnotherTabSavesItsEditKeepsTheEdit() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Calls");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Call mum"));
        long task = TodoPagesTest.taskIds(me.get("/todo/lists/" + list)).get(0);

        Interleaving.saveAWhile(database,
                "UPDATE todo_task SET title = 'Call mum back', version = version + 1 WHERE id = " + task,
                () -> me.post("/todo/tasks/" + task + "/toggle", Map.of("done", "true")));

        assertThat(tasksOf(list)).singleElement().satisfies(found -> {
            assertThat(found.title()).isEqualTo("Call mum back");
            assertThat(found.isDone()).isTrue();
        });
    }

    @Test
    void reorderingListsWhileAnotherTabRenamesOneKeepsTheName() {
        TestBrowser me = signUp();
        long first = TodoPagesTest.createList(me, "One");
        long second = TodoPagesTest.createList(me, "Two");

        Interleaving.saveAWhile(database,
                "UPDATE todo_list SET name = 'Two, renamed', version = version + 1 WHERE id = " + second,
                () -> me.post("/todo/lists/" + second + "/move", Map.of("direction", "up")));

        assertThat(todo.lists(accountId()).collectList().block()).extracting(found -> found.name())
                .containsExactly("Two, renamed", "One");
        assertThat(first).isNotEqualTo(second);
    }

    static Map<String, String> form(String title, String notes, long list, String version) {
        return Map.of("title", title, "notes", notes, "dueDate", "", "dueTime", "", "priority", "0", "tags", "",
                "listId", String.valueOf(list), "repeats", "", "version", version);
    }
}
