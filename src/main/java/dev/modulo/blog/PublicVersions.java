package dev.modulo.blog;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A blog's public version in the database ({@code blog_public_version}): bumped by every write
 * that changes what its readers see, in that write's transaction, and read with the time of the
 * blog's next scheduled post. The same statements on H2 and PostgreSQL.
 */
@Component
class PublicVersions {

    /** A blog's version (0 before its first change) and its next scheduled post's time, if any. */
    record Read(long version, Instant nextScheduled) {
    }

    private final DatabaseClient db;

    PublicVersions(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> bump(long accountId) {
        Mono<Long> update = db.sql("UPDATE blog_public_version SET version = version + 1 WHERE account_id = :account")
                .bind("account", accountId)
                .fetch()
                .rowsUpdated();
        // The first change makes the row; when another first change made it meanwhile, update it.
        return update.flatMap(updated -> updated > 0 ? Mono.<Long>empty()
                        : db.sql("""
                                INSERT INTO blog_public_version (account_id, version) VALUES (:account, 1)
                                ON CONFLICT DO NOTHING""")
                                .bind("account", accountId)
                                .fetch()
                                .rowsUpdated()
                                .filter(inserted -> inserted == 0)
                                .flatMap(none -> update))
                .then();
    }

    Mono<Read> read(long accountId, Instant now) {
        return db.sql("""
                        SELECT (SELECT version FROM blog_public_version WHERE account_id = :account) AS version,
                            (SELECT MIN(published_at) FROM blog_post
                             WHERE account_id = :account AND published_at > :now) AS next_scheduled""")
                .bind("account", accountId)
                .bind("now", now)
                .map(row -> {
                    Long version = row.get("version", Long.class);
                    OffsetDateTime next = row.get("next_scheduled", OffsetDateTime.class);
                    return new Read(version == null ? 0 : version, next == null ? null : next.toInstant());
                })
                .one();
    }
}
