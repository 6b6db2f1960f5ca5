package dev.modulo.blog;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A blog's title, description and whether visitors may comment at all. */
@Table
public record BlogSettings(@Id Long accountId, String title, String description, boolean commentsEnabled,
        Instant updatedAt) {

    static BlogSettings defaultsFor(long accountId, String username) {
        return new BlogSettings(accountId, username + "’s blog", "", true, Instant.EPOCH);
    }
}
