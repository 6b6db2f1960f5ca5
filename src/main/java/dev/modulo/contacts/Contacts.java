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

    /** Those under one letter of the index (A–Z, or #). */
    @Query("""
            SELECT * FROM contact WHERE account_id = :accountId AND letter = :letter
            ORDER BY favourite DESC, sort_key, id LIMIT :limit""")
    Flux<Contact> findUnderLetter(long accountId, String letter, int limit);

    /**
     * A search: a name part, nickname, organisation, title or tag containing {@code text}, an email
     * address containing it, a phone number equal to {@code e164}, or one whose digits
     * contain {@code digits}.
     */
    // One query with ORs: H2 turns "id IN (a UNION b …)" with many matches into seconds, this into milliseconds.
    @Query("""
            SELECT * FROM contact c WHERE c.account_id = :accountId AND (c.search_text LIKE :text
              OR c.id IN (SELECT d.contact_id FROM contact_detail d WHERE d.account_id = :accountId AND d.e164 = :e164)
              OR c.id IN (SELECT d.contact_id FROM contact_detail d WHERE d.account_id = :accountId
                          AND d.kind = 'PHONE' AND d.search_value LIKE :digits)
              OR c.id IN (SELECT d.contact_id FROM contact_detail d WHERE d.account_id = :accountId
                          AND d.kind = 'EMAIL' AND d.search_value LIKE :text))
            ORDER BY c.favourite DESC, c.sort_key, c.id LIMIT :limit""")
    Flux<Contact> search(long accountId, String text, String e164, String digits, int limit);

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
