package dev.modulo.todo;

import java.time.ZoneId;
import java.util.List;

import dev.modulo.platform.Batches;
import dev.modulo.platform.Blocking;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lists as iCalendar VTODOs, streamed: the header, then each list's tasks {@value #BATCH} at a time
 * (each batch read by its own short query and written on the parsing threads), then the footer.
 */
@Component
class TodoExports {

    static final int BATCH = 500;

    private final TodoTasks tasks;

    TodoExports(TodoTasks tasks) {
        this.tasks = tasks;
    }

    Flux<DataBuffer> list(TodoList list, ZoneId zone) {
        return Flux.concat(header(list.name()), tasksOf(list, zone), footer());
    }

    Flux<DataBuffer> all(String name, Mono<List<TodoList>> lists, ZoneId zone) {
        return Flux.concat(header(name), lists.flatMapMany(Flux::fromIterable).concatMap(list -> tasksOf(list, zone)),
                footer());
    }

    private static Mono<DataBuffer> header(String name) {
        return Blocking.PARSING.call(() -> Batches.utf8(TodoCalendars.header(name)));
    }

    private static Mono<DataBuffer> footer() {
        return Mono.fromSupplier(() -> Batches.utf8(TodoCalendars.FOOTER));
    }

    /**
     * A list's tasks in its order: open ones, then done ones; subtasks after all top-level tasks, so
     * an import finds their parents first.
     */
    private Flux<DataBuffer> tasksOf(TodoList list, ZoneId zone) {
        return Flux.just(true, false).concatMap(topLevel -> Flux.just(true, false).concatMap(open ->
                Batches.<TodoTask>after(BATCH, last -> tasks.findExportBatch(list.id(), list.accountId(), topLevel,
                                open, last == null ? Integer.MIN_VALUE : last.position(), last == null ? 0 : last.id(),
                                BATCH))
                        .concatMap(batch -> Blocking.PARSING.call(() -> Batches.utf8(TodoCalendars.tasks(batch, zone))))));
    }
}
