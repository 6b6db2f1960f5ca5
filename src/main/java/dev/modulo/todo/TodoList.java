package dev.modulo.todo;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A named list of tasks, in the order its owner put the lists. */
@Table
public record TodoList(@Id Long id, long accountId, String name, int position, Instant createdAt) {

    TodoList withName(String newName) {
        return new TodoList(id, accountId, newName, position, createdAt);
    }

    TodoList withPosition(int newPosition) {
        return new TodoList(id, accountId, name, newPosition, createdAt);
    }
}
