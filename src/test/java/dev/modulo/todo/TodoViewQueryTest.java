package dev.modulo.todo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.modulo.bench.BigAccountSeed;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.QueryPlans;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smart views read a page of open tasks in index order and stop, instead of sorting every open
 * task of the account for each page: the plan uses the index for the order (H2 says "index sorted",
 * PostgreSQL has no sort step), and the pages come out in the views' order.
 */
@ModuloIntegrationTest
class TodoViewQueryTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    TodoTasks tasks;

    @Test
    void aPageOfASmartViewIsReadInIndexOrder() {
        long accountId = BigAccountSeed.account(db, TestBrowser.uniqueName("views"));
        LocalDate today = LocalDate.of(2026, 6, 15);
        BigAccountSeed.tasks(db, accountId, BigAccountSeed.list(db, accountId, "All"), 3_000, today);
        if (QueryPlans.isPostgres(db)) {
            db.sql("ANALYZE todo_task").then().block();
        }
        Map<String, String> literals = Map.of("accountId", Long.toString(accountId), "today", "DATE '2026-06-15'",
                "from", "DATE '2026-06-16'", "to", "DATE '2026-06-22'", "limit", "51", "offset", "500");
        for (String query : List.of("findOverdue", "findOpenDueBetween")) {
            String plan = QueryPlans.explain(db, QueryPlans.queryOf(TodoTasks.class, query), literals);
            assertThat(plan.toLowerCase()).as(plan).contains("todo_task_open_due_idx");
            if (QueryPlans.isPostgres(db)) {
                assertThat(plan).as(plan).doesNotContain("Sort");
            } else {
                assertThat(plan).as(plan).contains("index sorted");
            }
        }

        List<TodoTask> page = tasks.findOverdue(accountId, today, 51, 500).collectList().block();
        assertThat(page).hasSize(51).allSatisfy(task -> {
            assertThat(task.dueDate()).isBefore(today);
            assertThat(task.doneAt()).isNull();
        });
        assertThat(page).isSortedAccordingTo(java.util.Comparator.comparing(TodoTask::dueDate)
                .thenComparing(TodoTask::priority, java.util.Comparator.reverseOrder())
                .thenComparing(TodoTask::position));
    }
}
