package dev.modulo.todo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A task (or, with a parent, a subtask). Due dates are the owner's local dates. {@code version}
 * counts saves of the edit form's fields; done and position change by targeted updates that leave it.
 */
@Table
public record TodoTask(
        @Id Long id,
        long accountId,
        long listId,
        Long parentId,
        String title,
        String notes,
        LocalDate dueDate,
        LocalTime dueTime,
        int priority,
        String tags,
        Instant doneAt,
        int position,
        Instant createdAt,
        String recurrence,
        @Version Long version) {

    /** How it repeats, if it does. */
    public java.util.Optional<Recurrence> repeats() {
        return Recurrence.fromCode(recurrence);
    }

    public boolean isDone() {
        return doneAt != null;
    }

    public Priority priorityLevel() {
        return Priority.ofLevel(priority);
    }

    public List<String> tagList() {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    public boolean isOverdue(LocalDate today) {
        return !isDone() && dueDate != null && dueDate.isBefore(today);
    }

    /** The next task of a repeating one: same fields, open, due on {@code due}, last in the list. */
    TodoTask nextOccurrence(LocalDate due, int newPosition, Instant now) {
        return new TodoTask(null, accountId, listId, parentId, title, notes, due, dueTime, priority, tags, null,
                newPosition, now, recurrence, null);
    }
}
