package dev.modulo.blog;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A visitor's comment on a post. {@code accountId} is the blog owner's: they moderate it. It shows
 * under the post only once approved.
 */
@Table
public record BlogComment(
        @Id Long id,
        long accountId,
        long postId,
        String authorName,
        String authorUrl,
        String bodyText,
        String bodyHtml,
        String status,
        Instant createdAt) {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    BlogComment withStatus(String newStatus) {
        return new BlogComment(id, accountId, postId, authorName, authorUrl, bodyText, bodyHtml, newStatus, createdAt);
    }
}
