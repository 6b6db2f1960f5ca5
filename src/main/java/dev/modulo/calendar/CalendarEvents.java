package dev.modulo.calendar;

import java.time.Instant;
import java.util.Collection;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every finder takes the account. */
interface CalendarEvents extends ReactiveCrudRepository<CalendarEvent, Long> {

    Mono<CalendarEvent> findByIdAndAccountId(long id, long accountId);

    /**
     * Series, single events and overrides any of whose occurrences may touch [from, to), in two index
     * ranges: short rows (at most {@link CalendarEvent#SHORT_SPAN} long) by their start, which lies in
     * [from − SHORT_SPAN, to); the few long ones (series, long trips) by their end, which lies after
     * {@code from} (those that start after {@code to} are left to the expansion, which finds nothing
     * in them: a condition on their start would let a database read them by start, all of them that
     * began before {@code to}). A single condition on both bounds would scan every row that started
     * long ago. {@code earliest} is {@code from − SHORT_SPAN}.
     */
    @Query("""
            SELECT * FROM calendar_event WHERE account_id = :accountId AND long_span = FALSE
            AND window_start >= :earliest AND window_start < :to AND window_end > :from
            UNION ALL
            SELECT * FROM calendar_event WHERE account_id = :accountId AND long_span = TRUE
            AND window_end > :from""")
    Flux<CalendarEvent> findTouching(long accountId, Instant earliest, Instant from, Instant to);

    @Query("SELECT * FROM calendar_event WHERE account_id = :accountId AND parent_id IN (:parentIds)")
    Flux<CalendarEvent> findOverridesOf(long accountId, Collection<Long> parentIds);

    /** The next rows of an export, after {@code afterId}. */
    @Query("SELECT * FROM calendar_event WHERE account_id = :accountId AND id > :afterId ORDER BY id LIMIT :limit")
    Flux<CalendarEvent> findBatch(long accountId, long afterId, int limit);

    @Query("SELECT * FROM calendar_event WHERE account_id = :accountId AND id IN (:ids)")
    Flux<CalendarEvent> findAllOfAccountById(long accountId, Collection<Long> ids);

    @Query("""
            SELECT * FROM calendar_event WHERE account_id = :accountId AND uid IN (:uids)
            AND parent_id IS NULL AND recurrence_key = ''""")
    Flux<CalendarEvent> findMasters(long accountId, Collection<String> uids);

    @Query("SELECT * FROM calendar_event WHERE account_id = :accountId AND parent_id = :parentId AND recurrence_key = :key")
    Mono<CalendarEvent> findOverride(long accountId, long parentId, String key);

    /**
     * Adds one deleted occurrence to a series, unless it is there already. Only this column is
     * written, so a change saved meanwhile stands; the version moves, because a save of the whole
     * row from an older copy (the editor) would otherwise undo this.
     */
    @Modifying
    @Query("""
            UPDATE calendar_event SET exdates = CASE WHEN exdates = '' THEN :key ELSE exdates || ',' || :key END,
                updated_at = :now, version = version + 1
            WHERE id = :id AND account_id = :accountId AND (',' || exdates || ',') NOT LIKE ('%,' || :key || ',%')""")
    Mono<Integer> addExdate(long id, long accountId, String key, Instant now);

    @Modifying
    @Query("DELETE FROM calendar_event WHERE account_id = :accountId AND parent_id = :parentId AND recurrence_key = :key")
    Mono<Integer> deleteOverride(long accountId, long parentId, String key);

    @Modifying
    @Query("DELETE FROM calendar_event WHERE account_id = :accountId AND parent_id = :parentId AND recurrence_key >= :key")
    Mono<Integer> deleteOverridesFrom(long accountId, long parentId, String key);
}
