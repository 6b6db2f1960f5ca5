package dev.modulo.blog;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A post: Markdown as written, the sanitized HTML rendered from it on save, and when (if ever)
 * it is public. A post with {@code publishedAt} in the future is scheduled: public from then on.
 * {@code version} counts its saves: the editor's save over a newer post fails instead of undoing it.
 */
@Table
public record BlogPost(
        @Id Long id,
        long accountId,
        String slug,
        String title,
        String bodyMarkdown,
        String bodyHtml,
        String tags,
        Instant publishedAt,
        boolean commentsEnabled,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public List<String> tagList() {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    public boolean isDraft() {
        return publishedAt == null;
    }

    public boolean isScheduled(Instant now) {
        return publishedAt != null && publishedAt.isAfter(now);
    }

    public boolean isPublic(Instant now) {
        return publishedAt != null && !publishedAt.isAfter(now);
    }

    /** The year and month of its address, in the blog owner's time zone. */
    public YearMonth addressMonth(ZoneId zone) {
        Instant at = publishedAt != null ? publishedAt : createdAt;
        return YearMonth.from(at.atZone(zone));
    }

    /** Path of the public page, below the blog's own {@code /@username}. */
    public String path(ZoneId zone) {
        YearMonth month = addressMonth(zone);
        return "/%d/%02d/%s".formatted(month.getYear(), month.getMonthValue(), slug);
    }
}
