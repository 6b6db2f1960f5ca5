package dev.modulo.todo;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import dev.modulo.accounts.AccountService;
import dev.modulo.bench.BigAccountSeed;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A list of a thousand tasks: the overdue view shows a page at a time; the export is written a batch at a time. */
@ModuloIntegrationTest
class TodoBigListTest {

    static final Pattern TASK_ID = Pattern.compile("data-task-id=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    TodoService todo;

    @Autowired
    DatabaseClient db;

    @Test
    void theOverdueViewPagesAndTheExportStreamsInListOrder() throws Exception {
        String username = TestBrowser.uniqueName("todo");
        TestBrowser me = new TestBrowser(client).signUp(username, TwoAccounts.PASSWORD, "basic");
        long accountId = accounts.findByUsername(username).block().id();
        LocalDate today = todo.today(accountId).block();
        long listId = BigAccountSeed.list(db, accountId, "Everything");
        BigAccountSeed.tasks(db, accountId, listId, 1_100, today);
        long overdue = db.sql("SELECT COUNT(*) AS n FROM todo_task WHERE list_id = :list AND done_at IS NULL"
                        + " AND due_date < :today")
                .bind("list", listId).bind("today", today)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(overdue).isGreaterThan(2L * TodoService.VIEW_PAGE);

        Page first = me.get("/todo/overdue");
        assertThat(ids(first)).hasSize(TodoService.VIEW_PAGE);
        assertThat(first.body()).contains("page=2").doesNotContain("page=0");
        Page second = me.get("/todo/overdue?page=2");
        assertThat(ids(second)).hasSize(TodoService.VIEW_PAGE).doesNotContainAnyElementsOf(ids(first));
        int lastPage = (int) ((overdue + TodoService.VIEW_PAGE - 1) / TodoService.VIEW_PAGE);
        Page last = me.get("/todo/overdue?page=" + lastPage);
        assertThat(ids(last)).hasSize((int) (overdue - (long) (lastPage - 1) * TodoService.VIEW_PAGE));
        assertThat(last.body()).doesNotContain("page=" + (lastPage + 1));
        assertThat(ids(me.get("/todo/overdue?page=" + (lastPage + 5)))).isEmpty();

        List<String> chunks = todo.exportList(accountId, listId).map(b -> b.toString(StandardCharsets.UTF_8))
                .collectList().block();
        // The header, open tasks in two batches of at most 500, the done ones in one, the footer.
        assertThat(chunks.size()).isGreaterThanOrEqualTo(5);
        EntityExchangeResult<byte[]> download = me.getBytes("/todo/lists/" + listId + "/export.ics", new HttpHeaders());
        assertThat(download.getResponseHeaders().getContentLength()).as("streamed").isEqualTo(-1);
        String text = new String(download.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(String.join("", chunks));
        List<net.fortuna.ical4j.model.component.VToDo> vtodos = new CalendarBuilder().build(new StringReader(text)).getComponents(Component.VTODO);
        assertThat(vtodos).hasSize(1_100);
        // In the list's order: the open ones by position first.
        assertThat(vtodos.get(0).getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("Task 1");
        assertThat(vtodos.get(0).getProperty("STATUS").orElseThrow().getValue()).isEqualTo("NEEDS-ACTION");
        assertThat(vtodos.get(vtodos.size() - 1).getProperty("STATUS").orElseThrow().getValue()).isEqualTo("COMPLETED");
    }

    private static List<Long> ids(Page page) {
        assertThat(page.status()).isEqualTo(200);
        return TASK_ID.matcher(page.body()).results().map(match -> Long.parseLong(match.group(1))).toList();
    }
}
