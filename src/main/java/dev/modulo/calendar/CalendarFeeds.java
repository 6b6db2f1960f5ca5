package dev.modulo.calendar;

import java.time.Instant;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Mono;

interface CalendarFeeds extends ReactiveCrudRepository<CalendarFeed, Long> {

    Mono<CalendarFeed> findByToken(String token);

    // The id is the account's, so save() would try an UPDATE of a row that is not there yet.
    @Modifying
    @Query("INSERT INTO calendar_feed (account_id, token, created_at) VALUES (:accountId, :token, :createdAt)")
    Mono<Integer> insert(long accountId, String token, Instant createdAt);

    @Modifying
    @Query("UPDATE calendar_feed SET token = :token, created_at = :createdAt WHERE account_id = :accountId")
    Mono<Integer> replace(long accountId, String token, Instant createdAt);
}
