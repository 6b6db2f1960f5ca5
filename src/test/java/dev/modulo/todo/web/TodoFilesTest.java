package dev.modulo.todo.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VToDo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Dragged order, and lists out to and in from iCalendar VTODOs, through the pages. */
@ModuloIntegrationTest
class TodoFilesTest {

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("tasks"), TwoAccounts.PASSWORD, "basic");
    }

    static String text(TestBrowser browser, String path) {
        return new String(browser.getBytes(path, new HttpHeaders()).getResponseBody(), StandardCharsets.UTF_8);
    }

    static List<VToDo> todos(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.getComponents(Component.VTODO);
    }

    static String property(VToDo todo, String name) {
        return todo.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void theDraggedOrderIsStoredAndAStaleOneIsRefused() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Errands");
        for (String line : List.of("Bank", "Baker", "Butcher")) {
            me.post("/todo/lists/" + list + "/tasks", Map.of("line", line));
        }
        List<Long> ids = TodoPagesTest.taskIds(me.get("/todo/lists/" + list));
        assertThat(ids).hasSize(3);

        Page saved = me.post("/todo/lists/" + list + "/order", Map.of("ids", ids.get(2) + "," + ids.get(0) + "," + ids.get(1)));
        assertThat(saved.status()).isEqualTo(204);
        assertThat(TodoPagesTest.taskIds(me.get("/todo/lists/" + list))).containsExactly(ids.get(2), ids.get(0), ids.get(1));

        Page stale = me.post("/todo/lists/" + list + "/order", Map.of("ids", ids.get(0) + "," + ids.get(1)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("reload");
        Page garbage = me.post("/todo/lists/" + list + "/order", Map.of("ids", "1,two,3"));
        assertThat(garbage.status()).isEqualTo(409);
        assertThat(TodoPagesTest.taskIds(me.get("/todo/lists/" + list))).containsExactly(ids.get(2), ids.get(0), ids.get(1));
    }

    @Test
    void aListExportsAsVtodosAndImportsIntoANewListUnchanged() throws Exception {
        TestBrowser me = signUp();
        long home = TodoPagesTest.createList(me, "Home");
        me.post("/todo/lists/" + home + "/tasks", Map.of("line", "Pay rent 2026-12-01 9am !high #money #home"));
        me.post("/todo/lists/" + home + "/tasks", Map.of("line", "Water plants every week on mon, thu #garden"));
        me.post("/todo/lists/" + home + "/tasks", Map.of("line", "Stretch every 2 days after done !low"));
        me.post("/todo/lists/" + home + "/tasks", Map.of("line", "Old chore"));
        List<Long> ids = TodoPagesTest.taskIds(me.get("/todo/lists/" + home));
        me.post("/todo/lists/" + home + "/tasks", Map.of("line", "Find the lease", "parentId", ids.get(0).toString()));
        me.post("/todo/tasks/" + ids.get(3) + "/toggle", Map.of("return", "/todo/lists/" + home));

        String exported = text(me, "/todo/lists/" + home + "/export.ics");
        List<VToDo> todos = todos(exported);
        assertThat(todos).extracting(todo -> property(todo, Property.SUMMARY))
                .containsExactlyInAnyOrder("Pay rent", "Water plants", "Stretch", "Old chore", "Find the lease");
        VToDo rent = todos.stream().filter(todo -> "Pay rent".equals(property(todo, Property.SUMMARY))).findFirst().orElseThrow();
        assertThat(property(rent, Property.PRIORITY)).isEqualTo("1");
        assertThat(property(rent, Property.CATEGORIES)).isEqualTo("money,home");
        assertThat(rent.getProperty(Property.DUE).orElseThrow().toString()).contains("TZID=Europe/Berlin:20261201T090000");
        VToDo lease = todos.stream().filter(todo -> "Find the lease".equals(property(todo, Property.SUMMARY))).findFirst().orElseThrow();
        assertThat(property(lease, Property.RELATED_TO)).isEqualTo(property(rent, Property.UID));
        VToDo plants = todos.stream().filter(todo -> "Water plants".equals(property(todo, Property.SUMMARY))).findFirst().orElseThrow();
        assertThat(property(plants, Property.RRULE)).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TH");
        VToDo chore = todos.stream().filter(todo -> "Old chore".equals(property(todo, Property.SUMMARY))).findFirst().orElseThrow();
        assertThat(property(chore, Property.STATUS)).isEqualTo("COMPLETED");

        long copy = TodoPagesTest.createList(me, "Copy");
        Page report = me.uploadFile("/todo/lists/" + copy + "/import", "file", "home.ics", exported.getBytes(StandardCharsets.UTF_8));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>5</strong> tasks added", "<strong>0</strong> skipped");

        String again = text(me, "/todo/lists/" + copy + "/export.ics");
        assertThat(comparable(again)).isEqualTo(comparable(exported));
        Page copyPage = me.get("/todo/lists/" + copy);
        assertThat(copyPage.body()).contains("Pay rent", "0/1", "↻ every week on Mon, Thu",
                "↻ every 2 days after done");
    }

    /** The parts of an export that matter, without ids, stamps and order. */
    static List<String> comparable(String ics) throws Exception {
        Map<String, String> titlesByUid = new java.util.HashMap<>();
        List<VToDo> todos = todos(ics);
        todos.forEach(todo -> titlesByUid.put(property(todo, Property.UID), property(todo, Property.SUMMARY)));
        return todos.stream().map(todo -> String.join("|", property(todo, Property.SUMMARY),
                        String.valueOf(property(todo, Property.DUE)), String.valueOf(property(todo, Property.PRIORITY)),
                        String.valueOf(property(todo, Property.CATEGORIES)), String.valueOf(property(todo, Property.STATUS)),
                        String.valueOf(titlesByUid.get(property(todo, Property.RELATED_TO))),
                        String.valueOf(property(todo, Property.RRULE)), String.valueOf(property(todo, "X-MODULO-REPEAT"))))
                .sorted().toList();
    }

    @Test
    void tasksFromAnotherAppImportWithAReport() throws Exception {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Imported");
        Page report = me.uploadFile("/todo/lists/" + list + "/import", "file", "tasks.ics", fixture("thunderbird-tasks.ics"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>6</strong> tasks added", "<strong>1</strong> skipped",
                "it has no title (SUMMARY)", "Compare fares", "is now a subtask of “Plan the trip”",
                "Pay the quarterly tax", "imported as a one-off");

        Page page = me.get("/todo/lists/" + list);
        assertThat(page.body()).contains(">Plan the trip</a>", "class=\"priority high\"", "#travel", "#family-time",
                "0/2", ">Water the plants</a>", "↻ every week on Mon, Thu", "Renew passport");
        long plan = TodoPagesTest.taskIds(page).get(0);
        Page planPage = me.get("/todo/tasks/" + plan);
        assertThat(planPage.body()).contains("Book trains, then the hotel.", "Book trains", "Compare fares");
        // The New York 09:00 due time is shown in the account's zone (Berlin): 15:00.
        assertThat(planPage.body()).contains("15:00");
    }

    @Test
    void tasksWhoseTimeZoneChangesEveryMinuteImportAtItsLatestOffsetWithANote() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Odd zone");
        String file = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Hostile//EN",
                "BEGIN:VTIMEZONE", "TZID:Office Time",
                "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:19700101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=MINUTELY", "END:DAYLIGHT", "END:VTIMEZONE",
                "BEGIN:VTODO", "UID:every-minute@example.com", "DTSTAMP:20260101T000000Z",
                "DUE;TZID=Office Time:20261105T100000", "SUMMARY:File the report", "END:VTODO", "END:VCALENDAR", "");

        Page report = me.uploadFile("/todo/lists/" + list + "/import", "file", "hostile.ics",
                file.getBytes(StandardCharsets.UTF_8));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>1</strong> tasks added", "“Office Time”", "repeat minutely",
                "latest offset, UTC+01:00");
    }

    @Test
    void filesThatAreNotTaskCalendarsAreRefused() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Nothing");
        Page html = me.uploadFile("/todo/lists/" + list + "/import", "file", "tasks.ics", "<p>hello</p>".getBytes());
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.body()).contains("This is not an iCalendar (.ics) file");
        Page eventsOnly = me.uploadFile("/todo/lists/" + list + "/import", "file", "events.ics",
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".getBytes());
        assertThat(eventsOnly.status()).isEqualTo(400);
        assertThat(eventsOnly.body()).contains("holds no tasks");
        assertThat(TodoPagesTest.taskIds(me.get("/todo/lists/" + list))).isEmpty();
    }

    @Test
    void anotherAccountCannotReorderExportOrImportIntoTheLists() throws Exception {
        TwoAccounts accounts = TwoAccounts.signUp(client);
        long list = TodoPagesTest.createList(accounts.owner(), "Private");
        accounts.owner().post("/todo/lists/" + list + "/tasks", Map.of("line", "Secret errand"));
        long task = TodoPagesTest.taskIds(accounts.owner().get("/todo/lists/" + list)).get(0);

        accounts.assertIntruderGets404(List.of(
                Route.get("/todo/lists/" + list + "/export.ics"),
                Route.post("/todo/lists/" + list + "/order", Map.of("ids", Long.toString(task)))));
        Page upload = accounts.intruder().uploadFile("/todo/lists/" + list + "/import", "file", "x.ics",
                fixture("thunderbird-tasks.ics"));
        assertThat(upload.status()).isEqualTo(404);
        assertThat(text(accounts.intruder(), "/todo/export.ics")).doesNotContain("Secret errand");
        assertThat(TodoPagesTest.taskIds(accounts.owner().get("/todo/lists/" + list))).containsExactly(task);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = TodoFilesTest.class.getResourceAsStream("/todo/" + name)) {
            return in.readAllBytes();
        }
    }
}
