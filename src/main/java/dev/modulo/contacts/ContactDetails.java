package dev.modulo.contacts;

import java.util.Collection;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface ContactDetails extends ReactiveCrudRepository<ContactDetail, Long> {

    @Query("SELECT * FROM contact_detail WHERE contact_id = :contactId AND account_id = :accountId ORDER BY kind, position, id")
    Flux<ContactDetail> findOfContact(long contactId, long accountId);

    @Query("SELECT * FROM contact_detail WHERE contact_id IN (:contactIds) AND account_id = :accountId ORDER BY contact_id, kind, position, id")
    Flux<ContactDetail> findOfContacts(Collection<Long> contactIds, long accountId);

    /** Emails and normalised phones, the keys duplicates share. */
    @Query("""
            SELECT * FROM contact_detail WHERE account_id = :accountId
            AND (kind = 'EMAIL' OR (kind = 'PHONE' AND e164 IS NOT NULL))""")
    Flux<ContactDetail> findMatchKeys(long accountId);


    @Modifying
    @Query("DELETE FROM contact_detail WHERE contact_id = :contactId AND account_id = :accountId")
    Mono<Integer> deleteOfContact(long contactId, long accountId);
}
