package dev.modulo.todo;

import java.util.List;

/** A list with its tasks, each with its subtasks. */
public record ListPage(TodoList list, List<TaskNode> tasks) {

    /** A task and its subtasks; {@link #progress()} reads like {@code 2/5}. */
    public record TaskNode(TodoTask task, List<TodoTask> subtasks) {

        public String progress() {
            return subtasks.stream().filter(TodoTask::isDone).count() + "/" + subtasks.size();
        }
    }

    public List<TaskNode> open() {
        return tasks.stream().filter(node -> !node.task().isDone()).toList();
    }

    public List<TaskNode> done() {
        return tasks.stream().filter(node -> node.task().isDone()).toList();
    }
}
