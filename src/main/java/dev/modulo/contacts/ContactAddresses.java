package dev.modulo.contacts;

import java.util.Collection;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface ContactAddresses extends ReactiveCrudRepository<ContactAddress, Long> {

    @Query("SELECT * FROM contact_address WHERE contact_id = :contactId AND account_id = :accountId ORDER BY position, id")
    Flux<ContactAddress> findOfContact(long contactId, long accountId);

    @Query("SELECT * FROM contact_address WHERE contact_id IN (:contactIds) AND account_id = :accountId ORDER BY contact_id, position, id")
    Flux<ContactAddress> findOfContacts(Collection<Long> contactIds, long accountId);


    @Modifying
    @Query("DELETE FROM contact_address WHERE contact_id = :contactId AND account_id = :accountId")
    Mono<Integer> deleteOfContact(long contactId, long accountId);
}
