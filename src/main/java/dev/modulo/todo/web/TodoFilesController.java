package dev.modulo.todo.web;

import java.util.ArrayList;
import java.util.List;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.platform.ICalendarFiles;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.UploadedFiles;
import dev.modulo.todo.TaskNotFound;
import dev.modulo.todo.TodoService;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Dragged order, and tasks in and out as iCalendar VTODOs. */
@Controller
@RequestMapping("/todo")
class TodoFilesController {

    static final int MAX_IMPORT_BYTES = 4 * 1024 * 1024;

    private final TodoService todo;

    TodoFilesController(TodoService todo) {
        this.todo = todo;
    }

    /**
     * The order a list's open tasks were dragged into ({@code ids}, comma-separated). The page's
     * script posts it and keeps what it shows; a 409 tells it the list changed and to reload.
     */
    @PostMapping("/lists/{id}/order")
    Mono<ResponseEntity<String>> order(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> idsOf(form.getFirst("ids"))
                        .flatMap(ids -> todo.reorder(me.accountId(), id, ids)))
                .thenReturn(ResponseEntity.noContent().<String>build())
                .onErrorResume(InvalidInput.class, invalid -> Mono.just(ResponseEntity.status(HttpStatus.CONFLICT)
                        .contentType(MediaType.TEXT_PLAIN)
                        .body(String.join(" ", invalid.fieldErrors().values()))));
    }

    @GetMapping("/lists/{id}/export.ics")
    Mono<ResponseEntity<Flux<DataBuffer>>> exportList(@AuthenticationPrincipal AccountPrincipal me,
            @PathVariable long id) {
        // Found first, so a list that is not there is a 404 page, not a broken download.
        return todo.list(me.accountId(), id)
                .map(list -> download(todo.exportList(me.accountId(), id), "modulo-tasks-" + id + ".ics"));
    }

    @GetMapping("/export.ics")
    ResponseEntity<Flux<DataBuffer>> exportAll(@AuthenticationPrincipal AccountPrincipal me) {
        return download(todo.exportAll(me.accountId()), "modulo-tasks.ics");
    }

    @PostMapping("/lists/{id}/import")
    Mono<Rendering> importInto(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return todo.list(me.accountId(), id).flatMap(list -> exchange.getMultipartData()
                .flatMap(parts -> UploadedFiles.read(parts, "file", MAX_IMPORT_BYTES))
                .flatMap(bytes -> todo.importInto(me.accountId(), id, bytes))
                .map(report -> Rendering.view("todo/import-report")
                        .modelAttribute("report", report)
                        .modelAttribute("list", list)
                        .build())
                .onErrorResume(InvalidInput.class, invalid -> Mono.just(Rendering.view("todo/import-report")
                        .modelAttribute("list", list)
                        .modelAttribute("errors", invalid.fieldErrors())
                        .status(HttpStatus.BAD_REQUEST)
                        .build())));
    }

    @ExceptionHandler(TaskNotFound.class)
    Rendering notFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }

    private static ResponseEntity<Flux<DataBuffer>> download(Flux<DataBuffer> text, String filename) {
        return ResponseEntity.ok()
                .contentType(ICalendarFiles.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .cacheControl(CacheControl.noStore())
                .body(text);
    }

    private static Mono<List<Long>> idsOf(String text) {
        List<Long> ids = new ArrayList<>();
        try {
            for (String id : (text == null ? "" : text).split(",")) {
                if (!id.isBlank()) {
                    ids.add(Long.parseLong(id.strip()));
                }
            }
        } catch (NumberFormatException notAnId) {
            return Mono.error(InvalidInput.of("order", "The order could not be read; reload the list."));
        }
        return Mono.just(ids);
    }
}
