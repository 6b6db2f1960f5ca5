package dev.modulo.todo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.modulo.accounts.AccountService;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.Slice;
import dev.modulo.todo.ListPage.TaskNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Lists and tasks. Every method is given the account it acts on. */
@Service
public class TodoService {

    static final int MAX_TITLE = 500;
    static final int MAX_NOTES = 20_000;
    static final int MAX_LIST_NAME = 200;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 40;
    static final int UPCOMING_DAYS = 7;
    static final int COMPLETED_SHOWN = 100;
    static final int MAX_IMPORT_BYTES = 4 * 1024 * 1024;
    static final int MAX_IMPORT_TASKS = 5_000;
    /** Tasks one page of a smart view shows. */
    static final int VIEW_PAGE = 100;

    /** Which way a list or task moves. */
    public enum Direction { UP, DOWN }

    private final TodoLists lists;
    private final TodoTasks tasks;
    private final AccountService accounts;
    private final TodoExports exports;
    private final TransactionalOperator transactions;
    private final Clock clock;

    TodoService(TodoLists lists, TodoTasks tasks, AccountService accounts, TodoExports exports,
            TransactionalOperator transactions, ObjectProvider<Clock> clock) {
        this.lists = lists;
        this.tasks = tasks;
        this.accounts = accounts;
        this.exports = exports;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    // Lists

    public Flux<TodoList> lists(long accountId) {
        return lists.findByAccountIdOrderByPositionAscIdAsc(accountId);
    }

    public Mono<TodoList> list(long accountId, long listId) {
        return lists.findByIdAndAccountId(listId, accountId).switchIfEmpty(Mono.error(TaskNotFound::new));
    }

    public Mono<TodoList> createList(long accountId, String name) {
        return checkedListName(name)
                .flatMap(valid -> lists(accountId).count()
                        .flatMap(count -> lists.save(new TodoList(null, accountId, valid, count.intValue() + 1, now(), null))));
    }

    /**
     * Renames a list. {@code version} is the list's version when the form was shown (null: as it is
     * now); if another rename came in between, nothing changes and {@link ChangedElsewhere} says so.
     */
    public Mono<TodoList> renameList(long accountId, long listId, String name, Long version) {
        return list(accountId, listId).zipWith(checkedListName(name))
                .flatMap(found -> lists.rename(listId, accountId, found.getT2(),
                                version != null ? version : found.getT1().version())
                        .flatMap(renamed -> renamed == 1 ? list(accountId, listId)
                                : list(accountId, listId).then(Mono.error(new ChangedElsewhere()))));
    }

    /** Deletes the list with all its tasks. */
    public Mono<Void> deleteList(long accountId, long listId) {
        return list(accountId, listId).flatMap(lists::delete);
    }

    public Mono<Void> moveList(long accountId, long listId, Direction direction) {
        return list(accountId, listId)
                .then(lists(accountId).collectList())
                .flatMap(all -> {
                    List<TodoList> ordered = new ArrayList<>(all);
                    int index = indexOf(ordered.stream().map(TodoList::id).toList(), listId);
                    int other = direction == Direction.UP ? index - 1 : index + 1;
                    if (other < 0 || other >= ordered.size()) {
                        return Mono.empty();
                    }
                    java.util.Collections.swap(ordered, index, other);
                    // Only positions are written: a rename made meanwhile in another tab stands.
                    return transactions.transactional(Flux.range(0, ordered.size())
                            .filter(i -> ordered.get(i).position() != i + 1)
                            .concatMap(i -> lists.updatePosition(ordered.get(i).id(), accountId, i + 1))
                            .then());
                });
    }

    /** The list, its open tasks in order, then the done ones; subtasks under their task. */
    public Mono<ListPage> page(long accountId, long listId) {
        return list(accountId, listId)
                .zipWith(tasks.findInList(listId, accountId).collectList())
                .map(found -> new ListPage(found.getT1(), nodes(found.getT2())));
    }

    // Tasks

    public Mono<TodoTask> task(long accountId, long taskId) {
        return tasks.findByIdAndAccountId(taskId, accountId).switchIfEmpty(Mono.error(TaskNotFound::new));
    }

    /** Subtasks of a task, in order. */
    public Mono<List<TodoTask>> subtasks(long accountId, TodoTask parent) {
        return tasks.findInList(parent.listId(), accountId)
                .filter(task -> parent.id().equals(task.parentId()))
                .collectList();
    }

    /**
     * Adds a task to a list from one typed line (see {@link QuickAdd}); with {@code parentId}, as
     * a subtask of that task (one level only).
     */
    public Mono<TodoTask> quickAdd(long accountId, long listId, String line, Long parentId) {
        if (line == null || line.isBlank()) {
            return Mono.error(InvalidInput.of("line", "Type what there is to do."));
        }
        if (line.length() > MAX_TITLE) {
            return Mono.error(InvalidInput.of("line", "Keep it under " + MAX_TITLE + " characters; add details after."));
        }
        Mono<Long> parent = parentId == null ? Mono.just(-1L) : task(accountId, parentId)
                .flatMap(found -> found.parentId() != null || found.listId() != listId
                        ? Mono.error(InvalidInput.of("line", "Subtasks can only be one level deep."))
                        : Mono.just(found.id()));
        return list(accountId, listId)
                .then(parent)
                .zipWith(today(accountId))
                .flatMap(found -> {
                    QuickAdd.Parsed parsed = QuickAdd.parse(line, found.getT2());
                    Long parentTask = found.getT1() < 0 ? null : found.getT1();
                    return tasks.lastPosition(listId, accountId)
                            .defaultIfEmpty(0)
                            .flatMap(last -> tasks.save(new TodoTask(null, accountId, listId, parentTask,
                                    parsed.title(), "", parsed.dueDate(), parsed.dueTime(), parsed.priority().level(),
                                    String.join(",", parsed.tags()), null, last + 1, now(),
                                    parsed.recurrence() == null ? null : parsed.recurrence().code(), null)));
                });
    }

    /** Adds a task from the smart views: to the first list, made ("Inbox") if there is none. */
    public Mono<TodoTask> quickAddAnywhere(long accountId, String line) {
        return lists(accountId).next()
                .switchIfEmpty(Mono.defer(() -> createList(accountId, "Inbox")))
                .flatMap(list -> quickAdd(accountId, list.id(), line, null));
    }

    /**
     * Saves the edit form. Only its fields are written (done and position stay as they are now), and
     * only if the task is still at the version the form was shown with: a save in between (another
     * tab) is not undone but answered with {@link ChangedElsewhere}.
     */
    public Mono<TodoTask> update(long accountId, long taskId, TaskChanges changes) {
        return task(accountId, taskId).flatMap(task -> {
            Map<String, String> errors = new LinkedHashMap<>();
            String title = changes.title() == null ? "" : changes.title().strip();
            if (title.isEmpty()) {
                errors.put("title", "Give the task a title.");
            } else if (title.length() > MAX_TITLE) {
                errors.put("title", "Keep the title under " + MAX_TITLE + " characters.");
            }
            String notes = changes.notes() == null ? "" : changes.notes().strip();
            if (notes.length() > MAX_NOTES) {
                errors.put("notes", "Keep the notes under " + MAX_NOTES + " characters.");
            }
            LocalDate date = parseDate(changes.dueDate(), errors);
            LocalTime time = parseTime(changes.dueTime(), errors);
            if (time != null && date == null && !errors.containsKey("dueDate")) {
                errors.put("dueTime", "Choose a date for this time.");
            }
            int priority = parsePriority(changes.priority(), errors);
            Set<String> tags = normaliseTags(changes.tags());
            if (tags.size() > MAX_TAGS || tags.stream().anyMatch(tag -> tag.length() > MAX_TAG_LENGTH)) {
                errors.put("tags", "Use at most " + MAX_TAGS + " tags of up to " + MAX_TAG_LENGTH + " characters each.");
            }
            long listId = parseListId(changes.listId(), task.listId());
            String repeats = changes.repeats() == null ? "" : changes.repeats().strip();
            java.util.Optional<Recurrence> recurrence = Recurrence.parse(repeats);
            if (!repeats.isEmpty() && recurrence.isEmpty()) {
                errors.put("repeats", "Write it like “every day”, “every 2 weeks”, “every mon, thu” or “every 3 days after done”.");
            }
            if (recurrence.isPresent() && date == null && !errors.containsKey("dueDate")) {
                errors.put("dueDate", "A repeating task needs a due date to count from.");
            }
            if (!errors.isEmpty()) {
                return Mono.error(new InvalidInput(errors));
            }
            long version = ChangedElsewhere.expectedVersion(changes.version(), task.version());
            Mono<Void> saveDetails = tasks.updateDetails(task.id(), accountId, title, notes, date, time, priority,
                            String.join(",", tags), recurrence.map(Recurrence::code).orElse(null), version)
                    .flatMap(saved -> saved == 1 ? Mono.<Void>empty()
                            : task(accountId, taskId).then(Mono.error(new ChangedElsewhere())));
            if (listId == task.listId()) {
                return saveDetails.then(task(accountId, taskId));
            }
            // Moving to another list: that list must be this person's too; subtasks come along.
            return list(accountId, listId)
                    .flatMap(target -> tasks.lastPosition(target.id(), accountId).defaultIfEmpty(0)
                            .flatMap(last -> transactions.transactional(saveDetails
                                    .then(tasks.moveToList(task.id(), accountId, target.id(), last + 1)))))
                    .then(task(accountId, taskId));
        });
    }

    /** Marks a task done, or open again: the opposite of what it is now (see {@link #setDone}). */
    public Mono<TodoTask> toggle(long accountId, long taskId) {
        return task(accountId, taskId).flatMap(task -> setDone(accountId, taskId, !task.isDone()));
    }

    /**
     * Marks a task done or open; doing what is already done changes nothing, so several tabs ticking
     * one task at once complete it once. Completing a repeating task also creates its next
     * occurrence, in the same transaction as the completion that this call made happen; the
     * completed one stays, in the history.
     */
    public Mono<TodoTask> setDone(long accountId, long taskId, boolean done) {
        if (!done) {
            return task(accountId, taskId).flatMap(task -> tasks.markOpen(task.id(), accountId))
                    .then(task(accountId, taskId));
        }
        return task(accountId, taskId)
                .flatMap(task -> transactions.transactional(tasks.markDone(task.id(), accountId, now())
                        .filter(completed -> completed == 1)
                        // Read again under the row lock this update holds: the rule and date as they are now.
                        .flatMap(completed -> task(accountId, taskId))
                        .filter(completed -> completed.repeats().isPresent())
                        .flatMap(this::createNextRepetition)
                        .then()))
                .then(task(accountId, taskId));
    }

    private Mono<TodoTask> createNextRepetition(TodoTask completed) {
        long accountId = completed.accountId();
        return Mono.zip(today(accountId), tasks.lastPosition(completed.listId(), accountId).defaultIfEmpty(0))
                .flatMap(found -> tasks.save(completed.nextOccurrence(
                        completed.repeats().get().next(completed.dueDate(), found.getT1()), found.getT2() + 1, now())));
    }

    public Mono<Void> move(long accountId, long taskId, Direction direction) {
        return task(accountId, taskId)
                .flatMap(task -> tasks.findInList(task.listId(), accountId)
                        .filter(sibling -> java.util.Objects.equals(sibling.parentId(), task.parentId())
                                && sibling.isDone() == task.isDone())
                        .collectList()
                        .flatMap(siblings -> {
                            List<TodoTask> ordered = new ArrayList<>(siblings);
                            int index = indexOf(ordered.stream().map(TodoTask::id).toList(), taskId);
                            int other = direction == Direction.UP ? index - 1 : index + 1;
                            if (other < 0 || other >= ordered.size()) {
                                return Mono.empty();
                            }
                            java.util.Collections.swap(ordered, index, other);
                            return renumber(accountId, ordered);
                        }));
    }

    /**
     * Puts a list's open top-level tasks in the order given (drag and drop). The ids must be exactly
     * those tasks: if the list changed meanwhile (another tab), nothing moves and the person reloads.
     */
    public Mono<Void> reorder(long accountId, long listId, List<Long> orderedIds) {
        return list(accountId, listId)
                .then(tasks.findInList(listId, accountId)
                        .filter(task -> task.parentId() == null && !task.isDone())
                        .collectList())
                .flatMap(open -> {
                    Map<Long, TodoTask> byId = open.stream()
                            .collect(Collectors.toMap(TodoTask::id, task -> task, (a, b) -> a, LinkedHashMap::new));
                    if (orderedIds.size() != byId.size() || !byId.keySet().equals(new LinkedHashSet<>(orderedIds))) {
                        return Mono.error(InvalidInput.of("order", "The list changed meanwhile; reload it and drag again."));
                    }
                    return renumber(accountId, orderedIds.stream().map(byId::get).toList());
                });
    }

    /**
     * Gives tasks consecutive positions in the order given, from the lowest they hold. Only positions
     * are written, and only those that change: an edit or a tick made meanwhile in another tab stands.
     */
    private Mono<Void> renumber(long accountId, List<TodoTask> ordered) {
        int base = ordered.stream().mapToInt(TodoTask::position).min().orElse(1);
        return transactions.transactional(Flux.range(0, ordered.size())
                .filter(i -> ordered.get(i).position() != base + i)
                .concatMap(i -> tasks.updatePosition(ordered.get(i).id(), accountId, base + i))
                .then());
    }

    // iCalendar

    /** One list as VTODOs, streamed as it is written. */
    public Flux<DataBuffer> exportList(long accountId, long listId) {
        return list(accountId, listId).zipWith(accounts.find(accountId))
                .flatMapMany(found -> exports.list(found.getT1(), found.getT2().zone()));
    }

    /** Every list's tasks as VTODOs, list after list, streamed as it is written. */
    public Flux<DataBuffer> exportAll(long accountId) {
        return accounts.find(accountId).flatMapMany(account -> exports.all(account.username() + "'s tasks",
                // The lists are few: read them first, so no query runs while their result is still open.
                lists(accountId).collectList(), account.zone()));
    }

    /**
     * Adds the VTODOs of an .ics file to a list, in one transaction: subtasks stay under their
     * task (one level; deeper ones go under the top one), done ones stay done. Tasks without a
     * title are skipped with the reason; a file that is not a calendar adds nothing.
     */
    public Mono<TaskImportReport> importInto(long accountId, long listId, byte[] file) {
        if (file.length > MAX_IMPORT_BYTES) {
            return Mono.error(InvalidInput.of("file", "The file is larger than 4 MB; split it first."));
        }
        return list(accountId, listId).then(accounts.find(accountId))
                .flatMap(account -> Blocking.PARSING.call(() -> TodoCalendars.read(file, account.zone(), MAX_IMPORT_TASKS)))
                .flatMap(parsed -> transactions.transactional(tasks.lastPosition(listId, accountId).defaultIfEmpty(0)
                        .flatMap(last -> storeImported(accountId, listId, parsed, last))));
    }

    private Mono<TaskImportReport> storeImported(long accountId, long listId, TodoCalendars.Parsed parsed, int last) {
        Map<String, TodoCalendars.Imported> byUid = new LinkedHashMap<>();
        parsed.tasks().stream().filter(task -> !task.uid().isEmpty()).forEach(task -> byUid.putIfAbsent(task.uid(), task));
        List<String> notes = new ArrayList<>(parsed.notes());
        Map<TodoCalendars.Imported, String> topOf = new LinkedHashMap<>();
        for (TodoCalendars.Imported task : parsed.tasks()) {
            TodoCalendars.Imported top = task;
            Set<TodoCalendars.Imported> seen = new LinkedHashSet<>();
            while (top.parentUid() != null && byUid.containsKey(top.parentUid()) && seen.add(top)) {
                top = byUid.get(top.parentUid());
            }
            if (top != task && byUid.get(task.parentUid()) != top) {
                notes.add("“" + task.title() + "” was a subtask of a subtask; it is now a subtask of “" + top.title() + "”.");
            }
            topOf.put(task, top == task ? null : top.uid());
        }
        Instant now = now();
        Map<String, Long> savedIds = new java.util.HashMap<>();
        int[] position = {last};
        List<TodoCalendars.Imported> parents = parsed.tasks().stream().filter(task -> topOf.get(task) == null).toList();
        List<TodoCalendars.Imported> children = parsed.tasks().stream().filter(task -> topOf.get(task) != null).toList();
        return Flux.fromIterable(parents)
                .concatMap(task -> tasks.save(newTask(accountId, listId, null, task, ++position[0], now))
                        .doOnNext(saved -> savedIds.putIfAbsent(task.uid(), saved.id())))
                .thenMany(Flux.fromIterable(children).concatMap(task -> tasks.save(newTask(accountId, listId,
                        savedIds.get(topOf.get(task)), task, ++position[0], now))))
                .then(Mono.fromSupplier(() -> new TaskImportReport(parsed.tasks().size(), parsed.skipped(),
                        List.copyOf(notes))));
    }

    private static TodoTask newTask(long accountId, long listId, Long parentId, TodoCalendars.Imported task,
            int position, Instant now) {
        Instant doneAt = task.doneAt() == null ? null : Instant.EPOCH.equals(task.doneAt()) ? now : task.doneAt();
        return new TodoTask(null, accountId, listId, parentId, task.title(), task.notes(), task.dueDate(),
                task.dueTime(), task.priority(), String.join(",", task.tags()), doneAt, position, now,
                parentId == null ? task.recurrence() : null, null);
    }

    public Mono<Void> delete(long accountId, long taskId) {
        return task(accountId, taskId).flatMap(tasks::delete);
    }

    // Smart views

    /** Open tasks due today, a page at a time ({@value #VIEW_PAGE} a page). */
    public Mono<Slice<TodoTask>> dueToday(long accountId, int page) {
        return today(accountId).flatMap(today -> tasks.findOpenDueBetween(accountId, today, today, VIEW_PAGE + 1,
                Slice.offset(page, VIEW_PAGE)).collectList().map(rows -> Slice.of(rows, page, VIEW_PAGE)));
    }

    /** Open tasks due in the next seven days, a page at a time. */
    public Mono<Slice<TodoTask>> upcoming(long accountId, int page) {
        return today(accountId).flatMap(today -> tasks.findOpenDueBetween(accountId, today.plusDays(1),
                today.plusDays(UPCOMING_DAYS), VIEW_PAGE + 1, Slice.offset(page, VIEW_PAGE)).collectList()
                .map(rows -> Slice.of(rows, page, VIEW_PAGE)));
    }

    /** Open tasks due before today, the oldest first, a page at a time. */
    public Mono<Slice<TodoTask>> overdue(long accountId, int page) {
        return today(accountId).flatMap(today -> tasks.findOverdue(accountId, today, VIEW_PAGE + 1,
                Slice.offset(page, VIEW_PAGE)).collectList().map(rows -> Slice.of(rows, page, VIEW_PAGE)));
    }

    public Mono<List<TodoTask>> completed(long accountId) {
        return tasks.findRecentlyDone(accountId, COMPLETED_SHOWN).collectList();
    }

    /** Today, in the account's time zone. */
    public Mono<LocalDate> today(long accountId) {
        return accounts.find(accountId).map(account -> LocalDate.now(clock.withZone(account.zone())));
    }

    private static List<TaskNode> nodes(List<TodoTask> all) {
        Map<Long, List<TodoTask>> children = all.stream().filter(task -> task.parentId() != null)
                .collect(Collectors.groupingBy(TodoTask::parentId, LinkedHashMap::new, Collectors.toList()));
        return all.stream().filter(task -> task.parentId() == null)
                .map(task -> new TaskNode(task, children.getOrDefault(task.id(), List.of())))
                .toList();
    }

    private static int indexOf(List<Long> ids, long id) {
        int index = ids.indexOf(id);
        if (index < 0) {
            throw new TaskNotFound();
        }
        return index;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Mono<String> checkedListName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            return Mono.error(InvalidInput.of("name", "Give the list a name."));
        }
        if (clean.length() > MAX_LIST_NAME) {
            return Mono.error(InvalidInput.of("name", "Keep the name under " + MAX_LIST_NAME + " characters."));
        }
        return Mono.just(clean);
    }

    private static LocalDate parseDate(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put("dueDate", "Enter a date like 2026-12-24.");
            return null;
        }
    }

    private static LocalTime parseTime(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put("dueTime", "Enter a time like 09:30.");
            return null;
        }
    }

    private static int parsePriority(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int level = Integer.parseInt(text.strip());
            if (level >= 0 && level <= 3) {
                return level;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        errors.put("priority", "Choose a priority from the list.");
        return 0;
    }

    private static long parseListId(String text, long current) {
        try {
            return text == null || text.isBlank() ? current : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Set<String> normaliseTags(String typed) {
        if (typed == null) {
            return Set.of();
        }
        return Arrays.stream(typed.split(","))
                .map(TodoService::normaliseTag)
                .filter(tag -> !tag.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** "#Family time" → "family-time": tags are lower case, without the hash, with dashes for spaces. */
    static String normaliseTag(String typed) {
        return typed.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }
}
