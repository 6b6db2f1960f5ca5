package dev.modulo.todo.web;

import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.Slice;
import dev.modulo.todo.TaskChanges;
import dev.modulo.todo.TaskNotFound;
import dev.modulo.todo.TodoService;
import dev.modulo.todo.TodoService.Direction;
import dev.modulo.todo.TodoTask;
import dev.modulo.web.LocalRedirects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The To-do tab: smart views, lists, and tasks. Every change is a small form post. */
@Controller
@RequestMapping("/todo")
class TodoController {

    private final TodoService todo;

    TodoController(TodoService todo) {
        this.todo = todo;
    }

    @GetMapping
    Rendering home() {
        return Rendering.redirectTo("/todo/today").build();
    }

    /** Today, Upcoming (the next seven days), Overdue and Completed. */
    @GetMapping("/{view:today|upcoming|overdue|completed}")
    Mono<Rendering> view(@AuthenticationPrincipal AccountPrincipal me, @PathVariable String view,
            @RequestParam(name = "page", defaultValue = "1") int page) {
        return smartView(me, view, page, Map.of(), HttpStatus.OK);
    }

    /** Quick add from a smart view: into the first list. */
    @PostMapping("/{view:today|upcoming|overdue|completed}")
    Mono<Rendering> quickAddAnywhere(@AuthenticationPrincipal AccountPrincipal me, @PathVariable String view,
            ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> todo.quickAddAnywhere(me.accountId(), form.getFirst("line")))
                .thenReturn(Rendering.redirectTo("/todo/" + view).build())
                .onErrorResume(InvalidInput.class, invalid -> smartView(me, view, 1, invalid.fieldErrors(),
                        HttpStatus.BAD_REQUEST));
    }

    @PostMapping("/lists")
    Mono<Rendering> createList(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> todo.createList(me.accountId(), form.getFirst("name")))
                .map(list -> Rendering.redirectTo("/todo/lists/" + list.id()).build())
                .onErrorResume(InvalidInput.class, invalid -> smartView(me, "today", 1, invalid.fieldErrors(),
                        HttpStatus.BAD_REQUEST));
    }

    @GetMapping("/lists/{id}")
    Mono<Rendering> list(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return listPage(me, id, Map.of(), HttpStatus.OK);
    }

    @PostMapping("/lists/{id}/tasks")
    Mono<Rendering> quickAdd(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return todo.list(me.accountId(), id)
                .then(exchange.getFormData())
                .flatMap(form -> todo.quickAdd(me.accountId(), id, form.getFirst("line"), parentOf(form))
                        .map(task -> Rendering.redirectTo(task.parentId() == null
                                ? "/todo/lists/" + id : "/todo/tasks/" + task.parentId()).build()))
                .onErrorResume(InvalidInput.class, invalid -> listPage(me, id, invalid.fieldErrors(), HttpStatus.BAD_REQUEST));
    }

    @PostMapping("/lists/{id}/rename")
    Mono<Rendering> renameList(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return todo.list(me.accountId(), id)
                .then(exchange.getFormData())
                .flatMap(form -> todo.renameList(me.accountId(), id, form.getFirst("name"), version(form)))
                .thenReturn(Rendering.redirectTo("/todo/lists/" + id).build())
                .onErrorResume(InvalidInput.class, invalid -> listPage(me, id, invalid.fieldErrors(), HttpStatus.BAD_REQUEST))
                // The typed name stays, over the version saved meanwhile: renaming again is a choice.
                .onErrorResume(ChangedElsewhere.class, changed -> exchange.getFormData()
                        .flatMap(form -> listPage(me, id, ChangedElsewhere.formErrors(), HttpStatus.CONFLICT,
                                String.valueOf(form.getFirst("name")))));
    }

    @PostMapping("/lists/{id}/move")
    Mono<Rendering> moveList(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> todo.moveList(me.accountId(), id, direction(form)))
                .thenReturn(Rendering.redirectTo("/todo/lists/" + id).build());
    }

    @GetMapping("/lists/{id}/delete")
    Mono<Rendering> confirmDeleteList(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return todo.page(me.accountId(), id).map(page -> Rendering.view("todo/delete-list")
                .modelAttribute("list", page.list())
                .modelAttribute("count", page.tasks().size())
                .build());
    }

    @PostMapping("/lists/{id}/delete")
    Mono<Rendering> deleteList(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return todo.deleteList(me.accountId(), id).thenReturn(Rendering.redirectTo("/todo/today").build());
    }

    @GetMapping("/tasks/{id}")
    Mono<Rendering> task(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return todo.task(me.accountId(), id).flatMap(task -> taskPage(me, task, null, Map.of(), HttpStatus.OK));
    }

    @PostMapping("/tasks/{id}")
    Mono<Rendering> update(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return todo.task(me.accountId(), id).flatMap(task -> exchange.getFormData().flatMap(form -> {
            TaskChanges changes = new TaskChanges(form.getFirst("title"), form.getFirst("notes"),
                    form.getFirst("dueDate"), form.getFirst("dueTime"), form.getFirst("priority"), form.getFirst("tags"),
                    form.getFirst("listId"), form.getFirst("repeats"), form.getFirst("version"));
            return todo.update(me.accountId(), id, changes)
                    .map(saved -> Rendering.redirectTo("/todo/lists/" + saved.listId()).build())
                    .onErrorResume(InvalidInput.class, invalid -> taskPage(me, task, changes, invalid.fieldErrors(),
                            HttpStatus.BAD_REQUEST))
                    // What was typed stays, over the version saved meanwhile: saving again is a choice.
                    .onErrorResume(ChangedElsewhere.class, changed -> todo.task(me.accountId(), id)
                            .flatMap(now -> taskPage(me, now, changes.withVersion(now.version()),
                                    ChangedElsewhere.formErrors(), HttpStatus.CONFLICT)));
        }));
    }

    @PostMapping("/tasks/{id}/toggle")
    Mono<Rendering> toggle(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        // The form says which way (done or not): several tabs ticking one task at once complete it once.
        return exchange.getFormData()
                .flatMap(form -> {
                    String from = returnTo(form);
                    String done = form.getFirst("done");
                    return (done == null ? todo.toggle(me.accountId(), id)
                            : todo.setDone(me.accountId(), id, Boolean.parseBoolean(done)))
                            .map(task -> back(from, task));
                });
    }

    @PostMapping("/tasks/{id}/move")
    Mono<Rendering> move(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return todo.task(me.accountId(), id).flatMap(task -> exchange.getFormData()
                .flatMap(form -> {
                    String from = returnTo(form);
                    return todo.move(me.accountId(), id, direction(form)).thenReturn(back(from, task));
                }));
    }

    @GetMapping("/tasks/{id}/delete")
    Mono<Rendering> confirmDelete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return todo.task(me.accountId(), id)
                .map(task -> Rendering.view("todo/delete-task").modelAttribute("task", task).build());
    }

    @PostMapping("/tasks/{id}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return todo.task(me.accountId(), id)
                .flatMap(task -> todo.delete(me.accountId(), id)
                        .thenReturn(Rendering.redirectTo("/todo/lists/" + task.listId()).build()));
    }

    @ExceptionHandler(TaskNotFound.class)
    Rendering notFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }

    private Mono<Rendering> smartView(AccountPrincipal me, String view, int page, Map<String, String> errors,
            HttpStatus status) {
        Mono<Slice<TodoTask>> tasks = switch (view) {
            case "upcoming" -> todo.upcoming(me.accountId(), page);
            case "overdue" -> todo.overdue(me.accountId(), page);
            case "completed" -> todo.completed(me.accountId()).map(done -> new Slice<>(done, 1, false));
            default -> todo.dueToday(me.accountId(), page);
        };
        return Mono.zip(tasks, todo.lists(me.accountId()).collectList(), todo.today(me.accountId()))
                .map(found -> Rendering.view("todo/view")
                        .modelAttribute("view", view)
                        .modelAttribute("tasks", found.getT1().items())
                        .modelAttribute("page", found.getT1())
                        .modelAttribute("lists", found.getT2())
                        .modelAttribute("today", found.getT3())
                        .modelAttribute("errors", errors)
                        .status(status)
                        .build());
    }

    private Mono<Rendering> listPage(AccountPrincipal me, long id, Map<String, String> errors, HttpStatus status) {
        return listPage(me, id, errors, status, null);
    }

    private Mono<Rendering> listPage(AccountPrincipal me, long id, Map<String, String> errors, HttpStatus status,
            String typedName) {
        return Mono.zip(todo.page(me.accountId(), id), todo.lists(me.accountId()).collectList(), todo.today(me.accountId()))
                .map(found -> {
                    Rendering.Builder<?> page = Rendering.view("todo/list")
                            .modelAttribute("page", found.getT1())
                            .modelAttribute("lists", found.getT2())
                            .modelAttribute("today", found.getT3())
                            .modelAttribute("errors", errors)
                            .status(status);
                    return (typedName == null ? page : page.modelAttribute("typedName", typedName)).build();
                });
    }

    private Mono<Rendering> taskPage(AccountPrincipal me, TodoTask task, TaskChanges typed, Map<String, String> errors,
            HttpStatus status) {
        TaskChanges form = typed != null ? typed : new TaskChanges(task.title(), task.notes(),
                task.dueDate() == null ? "" : task.dueDate().toString(),
                task.dueTime() == null ? "" : task.dueTime().toString(), Integer.toString(task.priority()),
                String.join(", ", task.tagList()), Long.toString(task.listId()),
                task.repeats().map(dev.modulo.todo.Recurrence::describe).orElse(""), Long.toString(task.version()));
        return Mono.zip(todo.subtasks(me.accountId(), task), todo.lists(me.accountId()).collectList(),
                        todo.today(me.accountId()))
                .map(found -> Rendering.view("todo/task")
                        .modelAttribute("task", task)
                        .modelAttribute("form", form)
                        .modelAttribute("subtasks", found.getT1())
                        .modelAttribute("lists", found.getT2())
                        .modelAttribute("today", found.getT3())
                        .modelAttribute("errors", errors)
                        .status(status)
                        .build());
    }

    /**
     * The page the form came from, checked before anything is changed: null when none was given; a
     * 400 when it leads off the site ({@link LocalRedirects}).
     */
    private static String returnTo(MultiValueMap<String, String> form) {
        return LocalRedirects.localOr(form.getFirst("return"), null);
    }

    /** Back where the form came from when that is a to-do page, else to the task's list. */
    private static Rendering back(String from, TodoTask task) {
        return Rendering.redirectTo(from != null && from.startsWith("/todo/") ? from : "/todo/lists/" + task.listId())
                .build();
    }

    /** The version a form was shown with, or null when it has none. */
    private static Long version(MultiValueMap<String, String> form) {
        String typed = form.getFirst("version");
        return typed == null || typed.isBlank() ? null : ChangedElsewhere.expectedVersion(typed, -1);
    }

    private static Direction direction(MultiValueMap<String, String> form) {
        return "up".equals(form.getFirst("direction")) ? Direction.UP : Direction.DOWN;
    }

    private static Long parentOf(MultiValueMap<String, String> form) {
        try {
            String parent = form.getFirst("parentId");
            return parent == null || parent.isBlank() ? null : Long.parseLong(parent);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
