package dev.modulo.blog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import dev.modulo.platform.DataVersions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A blog's public version ({@link DataVersions}, kind {@value #KIND}): bumped by every write that
 * changes what its readers see, in that write's transaction, and read with the time of the blog's
 * next scheduled post.
 */
@Component
class PublicVersions {

    static final String KIND = "blog-public";

    /** A blog's version (0 before its first change) and its next scheduled post's time, if any. */
    record Read(long version, Instant nextScheduled) {
    }

    private final DataVersions versions;
    private final DatabaseClient db;

    PublicVersions(DataVersions versions, DatabaseClient db) {
        this.versions = versions;
        this.db = db;
    }

    Mono<Void> bump(long accountId) {
        return versions.bump(accountId, KIND);
    }

    Mono<Read> read(long accountId, Instant now) {
        Mono<Optional<Instant>> nextScheduled = db.sql("""
                        SELECT MIN(published_at) AS next_scheduled FROM blog_post
                        WHERE account_id = :account AND published_at > :now""")
                .bind("account", accountId)
                .bind("now", now)
                .map(row -> Optional.ofNullable(row.get("next_scheduled", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .one();
        return Mono.zip(versions.read(accountId, KIND), nextScheduled,
                (version, next) -> new Read(version, next.orElse(null)));
    }
}
