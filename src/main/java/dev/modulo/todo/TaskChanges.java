package dev.modulo.todo;

/**
 * A task's edit form as typed; {@link TodoService#update} checks every field.
 *
 * @param dueDate  {@code 2026-12-24} or empty
 * @param dueTime  {@code 09:30} or empty (needs a date)
 * @param priority {@code 0}–{@code 3}
 * @param listId   the list to keep it in or move it to
 * @param repeats  {@code every week on mon, thu} or empty (see {@link Recurrence})
 * @param version  the task's version when the form was shown; empty: the version as it is now
 */
public record TaskChanges(String title, String notes, String dueDate, String dueTime, String priority, String tags,
        String listId, String repeats, String version) {

    /** The same typed values, to be saved over the version {@code current}. */
    public TaskChanges withVersion(long current) {
        return new TaskChanges(title, notes, dueDate, dueTime, priority, tags, listId, repeats, Long.toString(current));
    }
}
