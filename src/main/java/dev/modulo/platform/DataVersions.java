package dev.modulo.platform;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A counter per account and kind of data ({@code data_version}), bumped in the transaction of every
 * write that changes that data. What an instance keeps in memory from the data (rendered pages,
 * expanded months) is used while the counter it was made under is still the current one; because the
 * counter is in the database, every instance sees a change as soon as it commits. The same statements
 * on H2 and PostgreSQL.
 */
@Component
public class DataVersions {

    private final DatabaseClient db;

    public DataVersions(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Counts one change of {@code kind} for the account. Call it within the write's transaction, at the
     * same point (first, or last) in every writer of a kind, so that they take their row locks in one
     * order.
     */
    public Mono<Void> bump(long accountId, String kind) {
        Mono<Long> update = db.sql("UPDATE data_version SET version = version + 1 WHERE account_id = :account AND kind = :kind")
                .bind("account", accountId)
                .bind("kind", kind)
                .fetch()
                .rowsUpdated();
        // The first change makes the row; when another first change made it meanwhile, update it.
        return update.flatMap(updated -> updated > 0 ? Mono.<Long>empty()
                        : db.sql("""
                                INSERT INTO data_version (account_id, kind, version) VALUES (:account, :kind, 1)
                                ON CONFLICT DO NOTHING""")
                                .bind("account", accountId)
                                .bind("kind", kind)
                                .fetch()
                                .rowsUpdated()
                                .filter(inserted -> inserted == 0)
                                .flatMap(none -> update))
                .then();
    }

    /** The account's counter of {@code kind}: 0 before its first change. */
    public Mono<Long> read(long accountId, String kind) {
        return db.sql("SELECT version FROM data_version WHERE account_id = :account AND kind = :kind")
                .bind("account", accountId)
                .bind("kind", kind)
                .map(row -> row.get("version", Long.class))
                .one()
                .defaultIfEmpty(0L);
    }
}
