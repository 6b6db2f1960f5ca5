package dev.modulo.contacts;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every finder takes the account. */
interface Contacts extends ReactiveCrudRepository<Contact, Long> {

    Mono<Contact> findByIdAndAccountId(long id, long accountId);

    @Query("SELECT * FROM contact WHERE account_id = :accountId ORDER BY favourite DESC, sort_key, id LIMIT :limit")
    Flux<Contact> findAllSorted(long accountId, int limit);

    @Query("SELECT * FROM contact WHERE account_id = :accountId ORDER BY sort_key, id")
    Flux<Contact> findAllForExport(long accountId);

    @Query("SELECT * FROM contact WHERE account_id = :accountId AND id IN (:ids)")
    Flux<Contact> findAllOfAccountById(long accountId, java.util.Collection<Long> ids);

    /** The first contacts of an export, in the list's order. */
    @Query("SELECT * FROM contact WHERE account_id = :accountId ORDER BY sort_key, id LIMIT :limit")
    Flux<Contact> findFirstForExport(long accountId, int limit);

    /** The next contacts of an export, after the one with {@code sortKey} and {@code id}. */
    @Query("""
            SELECT * FROM contact WHERE account_id = :accountId AND sort_key >= :sortKey
            AND (sort_key > :sortKey OR id > :id) ORDER BY sort_key, id LIMIT :limit""")
    Flux<Contact> findForExportAfter(long accountId, String sortKey, long id, int limit);

    /** Those under one letter of the index (A–Z, or #). */
    @Query("""
            SELECT * FROM contact WHERE account_id = :accountId AND letter = :letter
            ORDER BY favourite DESC, sort_key, id LIMIT :limit""")
    Flux<Contact> findUnderLetter(long accountId, String letter, int limit);

    @Query("SELECT COUNT(*) FROM contact WHERE account_id = :accountId")
    Mono<Long> countOwned(long accountId);

    @Modifying
    @Query("DELETE FROM contact WHERE id = :id AND account_id = :accountId")
    Mono<Integer> deleteOwned(long id, long accountId);

    /** Only the star is written; the version moves, as the edit form's save writes the star too. */
    @Modifying
    @Query("UPDATE contact SET favourite = :favourite, version = version + 1 WHERE id = :id AND account_id = :accountId")
    Mono<Integer> updateFavourite(long id, long accountId, boolean favourite);
}
