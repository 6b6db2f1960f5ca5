package dev.modulo.mailin;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface InboundMessages extends ReactiveCrudRepository<InboundMessage, Long> {

    Mono<InboundMessage> findByIdAndAccountId(long id, long accountId);

    Mono<InboundMessage> findByAccountIdAndMessageId(long accountId, String messageId);

    Mono<Long> countByAccountIdAndStatus(long accountId, String status);

    /** The held queue, newest first, without the messages themselves. */
    @Query("""
            SELECT id, account_id, message_id, sender, subject, status, post_id, reason, NULL AS raw_message, received_at
            FROM inbound_message WHERE account_id = :accountId AND status = 'HELD'
            ORDER BY received_at DESC, id DESC LIMIT 200""")
    Flux<InboundMessage> findHeld(long accountId);

    /** Marks a held message as posted, if it is still held (so two clicks make one post). */
    @Modifying
    @Query("""
            UPDATE inbound_message SET status = 'POSTED', post_id = :postId, reason = NULL, raw_message = NULL
            WHERE id = :id AND account_id = :accountId AND status = 'HELD'""")
    Mono<Integer> markPosted(long id, long accountId, long postId);

    @Modifying
    @Query("""
            UPDATE inbound_message SET status = 'DISCARDED', raw_message = NULL
            WHERE id = :id AND account_id = :accountId AND status = 'HELD'""")
    Mono<Integer> discard(long id, long accountId);
}
