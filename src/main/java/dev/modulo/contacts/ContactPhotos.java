package dev.modulo.contacts;

import java.util.Collection;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface ContactPhotos extends ReactiveCrudRepository<ContactPhoto, Long> {

    Mono<ContactPhoto> findByContactIdAndAccountId(long contactId, long accountId);

    @Query("SELECT * FROM contact_photo WHERE contact_id IN (:contactIds) AND account_id = :accountId")
    Flux<ContactPhoto> findOfContacts(Collection<Long> contactIds, long accountId);

    @Query("SELECT COUNT(*) FROM contact_photo WHERE contact_id = :contactId AND account_id = :accountId")
    Mono<Long> countOfContact(long contactId, long accountId);


    @Modifying
    @Query("DELETE FROM contact_photo WHERE contact_id = :contactId AND account_id = :accountId")
    Mono<Integer> deleteOfContact(long contactId, long accountId);
}
