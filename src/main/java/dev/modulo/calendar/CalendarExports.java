package dev.modulo.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountService;
import dev.modulo.platform.Batches;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.DataVersions;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The calendar as iCalendar text, streamed: the header with its time zones, then the events a
 * batch at a time (each batch written on the parsing threads as it is read), then the footer. The
 * subscription feed's version is read from the database alone (the token's account and its
 * calendar's counter of change), so a calendar app's poll that finds nothing new costs two small
 * queries and no rendering.
 */
@Component
class CalendarExports {

    static final int BATCH = 500;
    /** Changes when the way feeds are written changes, so subscribers fetch them again. */
    private static final String FORMAT = "2";

    private final CalendarEvents events;
    private final AccountService accounts;
    private final CalendarProperties properties;
    private final DatabaseClient db;
    private final DataVersions versions;
    private final AtomicLong rendered = new AtomicLong();

    CalendarExports(CalendarEvents events, AccountService accounts, CalendarProperties properties, DatabaseClient db,
            DataVersions versions) {
        this.events = events;
        this.versions = versions;
        this.accounts = accounts;
        this.properties = properties;
        this.db = db;
    }

    /** The whole calendar of an account, written as it is read. */
    Flux<DataBuffer> export(long accountId) {
        return accounts.find(accountId).flatMapMany(this::export);
    }

    /** The version of the feed behind {@code token}: empty when no calendar has it. */
    Mono<CalendarService.FeedVersion> version(String token) {
        return db.sql("SELECT account_id FROM calendar_feed WHERE token = :token")
                .bind("token", token)
                .map((row, meta) -> row.get("account_id", Long.class))
                .one()
                .flatMap(accountId -> Mono.zip(versions.read(accountId, CalendarService.VERSION_KIND),
                                accounts.find(accountId))
                        .map(read -> new CalendarService.FeedVersion(accountId,
                                etag(token, read.getT1(), read.getT2()))));
    }

    /** Feeds rendered since start-up (a poll answered 304 renders none). */
    long rendered() {
        return rendered.get();
    }

    /** The feed of an account whose version was just read. */
    Flux<DataBuffer> feed(CalendarService.FeedVersion version) {
        rendered.incrementAndGet();
        return export(version.accountId());
    }

    private Flux<DataBuffer> export(Account account) {
        long accountId = account.id();
        Mono<DataBuffer> header = zonesOf(accountId)
                .flatMap(zones -> Blocking.PARSING.call(() -> ICalendars.header(account.username() + " (Modulo)",
                        account.zone(), properties.feedRefresh(), zones)))
                .map(Batches::utf8);
        Flux<DataBuffer> body = Batches.<CalendarEvent>after(BATCH,
                        last -> events.findBatch(accountId, last == null ? 0 : last.id(), BATCH))
                .concatMap(batch -> seriesOf(accountId, batch)
                        .flatMap(series -> Blocking.PARSING.call(() -> ICalendars.events(batch, series)))
                        .map(Batches::utf8));
        return Flux.concat(header, body, Mono.fromSupplier(() -> Batches.utf8(ICalendars.FOOTER)));
    }

    /** The time zones of the account's timed events (each gets a VTIMEZONE), sorted. */
    private Mono<List<String>> zonesOf(long accountId) {
        return db.sql("SELECT DISTINCT zone FROM calendar_event WHERE account_id = :accountId AND all_day = FALSE")
                .bind("accountId", accountId)
                .map((row, meta) -> row.get("zone", String.class))
                .all()
                .sort()
                .collectList();
    }

    /** The series of the overrides in a batch, by id (their RECURRENCE-ID is written in the series' terms). */
    private Mono<Map<Long, CalendarEvent>> seriesOf(long accountId, List<CalendarEvent> batch) {
        Map<Long, CalendarEvent> inBatch = new HashMap<>();
        batch.forEach(row -> inBatch.put(row.id(), row));
        Set<Long> missing = batch.stream().filter(CalendarEvent::isOverride).map(CalendarEvent::parentId)
                .filter(id -> !inBatch.containsKey(id)).collect(Collectors.toSet());
        if (missing.isEmpty()) {
            return Mono.just(inBatch);
        }
        return events.findAllOfAccountById(accountId, missing)
                .collectList()
                .map(found -> {
                    found.forEach(row -> inBatch.put(row.id(), row));
                    return inBatch;
                });
    }

    /**
     * What the feed's text depends on: its token, the calendar's counter of change (every write to its
     * events bumps it), the account's name and zone, the refresh interval.
     */
    private String etag(String token, long version, Account account) {
        String inputs = String.join("\n", token, String.valueOf(version), account.username(),
                account.zone().getId(), properties.feedRefresh().toString(), FORMAT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputs.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest).substring(0, 32) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
