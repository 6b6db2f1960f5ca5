package dev.modulo.todo;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A named list of tasks, in the order its owner put the lists. {@code version} counts renames;
 * positions change by targeted updates that leave it.
 */
@Table
public record TodoList(@Id Long id, long accountId, String name, int position, Instant createdAt,
        @Version Long version) {
}
