package dev.modulo.mailin;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Mono;

interface MailinAddresses extends ReactiveCrudRepository<MailinAddress, Long> {

    Mono<MailinAddress> findByAccountId(long accountId);

    /** The routing look-up at RCPT time; local parts are stored in lower case. */
    Mono<MailinAddress> findByLocalPart(String localPart);

    @Modifying
    @Query("UPDATE mailin_address SET local_part = :localPart, created_at = :now WHERE account_id = :accountId")
    Mono<Integer> replace(long accountId, String localPart, java.time.Instant now);
}
