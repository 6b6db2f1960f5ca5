package dev.modulo.todo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every finder takes the account. */
interface TodoTasks extends ReactiveCrudRepository<TodoTask, Long> {

    Mono<TodoTask> findByIdAndAccountId(long id, long accountId);

    /** A list's tasks and subtasks, open ones in their order, then the done ones. */
    @Query("""
            SELECT * FROM todo_task WHERE list_id = :listId AND account_id = :accountId
            ORDER BY CASE WHEN done_at IS NULL THEN 0 ELSE 1 END, position, id""")
    Flux<TodoTask> findInList(long listId, long accountId);

    /**
     * The next tasks of a list's export after the one at {@code position} with {@code id}: top-level
     * or subtasks, open or done, in their order.
     */
    @Query("""
            SELECT * FROM todo_task WHERE list_id = :listId AND account_id = :accountId
            AND ((:topLevel = TRUE AND parent_id IS NULL) OR (:topLevel = FALSE AND parent_id IS NOT NULL))
            AND ((:open = TRUE AND done_at IS NULL) OR (:open = FALSE AND done_at IS NOT NULL))
            AND (position > :position OR (position = :position AND id > :id))
            ORDER BY position, id LIMIT :limit""")
    Flux<TodoTask> findExportBatch(long listId, long accountId, boolean topLevel, boolean open, int position, long id,
            int limit);

    /**
     * Open tasks due in [from, to], in the order of the smart views. The ORDER BY is that of
     * {@code todo_task_open_due_idx}, its first columns fixed by the WHERE: the page is read in order.
     */
    @Query("""
            SELECT * FROM todo_task WHERE account_id = :accountId AND done_at IS NULL
            AND due_date >= :from AND due_date <= :to
            ORDER BY account_id, done_at, due_date, due_time NULLS FIRST, priority DESC, position, id
            LIMIT :limit OFFSET :offset""")
    Flux<TodoTask> findOpenDueBetween(long accountId, LocalDate from, LocalDate to, int limit, long offset);

    /** Open tasks due before {@code today}, in the order of {@link #findOpenDueBetween}. */
    @Query("""
            SELECT * FROM todo_task WHERE account_id = :accountId AND done_at IS NULL AND due_date < :today
            ORDER BY account_id, done_at, due_date, due_time NULLS FIRST, priority DESC, position, id
            LIMIT :limit OFFSET :offset""")
    Flux<TodoTask> findOverdue(long accountId, LocalDate today, int limit, long offset);

    @Query("""
            SELECT * FROM todo_task WHERE account_id = :accountId AND done_at IS NOT NULL
            ORDER BY done_at DESC LIMIT :limit""")
    Flux<TodoTask> findRecentlyDone(long accountId, int limit);

    @Query("SELECT COALESCE(MAX(position), 0) FROM todo_task WHERE list_id = :listId AND account_id = :accountId")
    Mono<Integer> lastPosition(long listId, long accountId);

    // Targeted updates: each writes only its own columns, so a concurrent change of the others stands.

    /** Marks the task done if it is open; 1 means this call completed it (and may create the next repetition). */
    @Modifying
    @Query("UPDATE todo_task SET done_at = :at WHERE id = :id AND account_id = :accountId AND done_at IS NULL")
    Mono<Integer> markDone(long id, long accountId, Instant at);

    @Modifying
    @Query("UPDATE todo_task SET done_at = NULL WHERE id = :id AND account_id = :accountId AND done_at IS NOT NULL")
    Mono<Integer> markOpen(long id, long accountId);

    @Modifying
    @Query("UPDATE todo_task SET position = :position WHERE id = :id AND account_id = :accountId")
    Mono<Integer> updatePosition(long id, long accountId, int position);

    /** The edit form's fields, if the task is still at the version the form was shown with; 0: changed elsewhere. */
    @Modifying
    @Query("""
            UPDATE todo_task SET title = :title, notes = :notes, due_date = :dueDate, due_time = :dueTime,
                priority = :priority, tags = :tags, recurrence = :recurrence, version = version + 1
            WHERE id = :id AND account_id = :accountId AND version = :version""")
    Mono<Integer> updateDetails(long id, long accountId, String title, String notes, LocalDate dueDate,
            LocalTime dueTime, int priority, String tags, String recurrence, long version);

    /** Moves a task, and its subtasks, to another list. */
    @Modifying
    @Query("""
            UPDATE todo_task SET list_id = :listId,
                position = CASE WHEN id = :id THEN :position ELSE position END
            WHERE (id = :id OR parent_id = :id) AND account_id = :accountId""")
    Mono<Integer> moveToList(long id, long accountId, long listId, int position);
}
