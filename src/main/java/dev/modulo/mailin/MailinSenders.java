package dev.modulo.mailin;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface MailinSenders extends ReactiveCrudRepository<MailinSender, Long> {

    @Query("SELECT * FROM mailin_sender WHERE account_id = :accountId ORDER BY address")
    Flux<MailinSender> findByAccountId(long accountId);

    @Modifying
    @Query("DELETE FROM mailin_sender WHERE account_id = :accountId")
    Mono<Integer> deleteByAccountId(long accountId);
}
