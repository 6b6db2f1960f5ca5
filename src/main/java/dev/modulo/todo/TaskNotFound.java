package dev.modulo.todo;

/** No such task or list for this account: shown as 404. */
public class TaskNotFound extends RuntimeException {

    public TaskNotFound() {
        super("No such task or list");
    }
}
