package dev.modulo.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountService;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.DataVersions;
import dev.modulo.platform.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Events, their occurrences and the exceptions to a series. Every method is given the account it
 * acts on; an id from another account is {@link EventNotFound}.
 */
@Service
public class CalendarService {

    /** Which occurrences of a series a change applies to. */
    public enum Scope {
        ALL, THIS, FOLLOWING;

        public static Scope of(String value) {
            if ("this".equals(value)) {
                return THIS;
            }
            return "following".equals(value) ? FOLLOWING : ALL;
        }
    }

    /** The kind of the calendar's counter of change ({@link DataVersions}). */
    static final String VERSION_KIND = "calendar";

    private final CalendarEvents events;
    private final CalendarFeeds feeds;
    private final AccountService accounts;
    private final Expander expander;
    private final CalendarExports exports;
    private final CalendarImports imports;
    private final CalendarWrites writes;
    private final DataVersions versions;
    private final KeptViews kept;
    private final Clock clock;

    CalendarService(CalendarEvents events, CalendarFeeds feeds, AccountService accounts,
            CalendarProperties properties, CalendarExports exports, CalendarImports imports, CalendarWrites writes,
            DataVersions versions, ObjectProvider<Clock> clock) {
        this.events = events;
        this.feeds = feeds;
        this.accounts = accounts;
        this.expander = new Expander(properties.maxOccurrences(), properties.expansionBudget());
        this.exports = exports;
        this.imports = imports;
        this.writes = writes;
        this.versions = versions;
        this.kept = new KeptViews(properties.keptOccurrences());
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The account's time zone, in which its calendar is shown. */
    public Mono<ZoneId> zoneOf(long accountId) {
        return accounts.find(accountId).map(Account::zone);
    }

    public LocalDate today(ZoneId zone) {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * Everything that shows from {@code from} up to (not including) {@code to}, seen from {@code zone}:
     * as worked out before while the calendar has not changed since ({@link KeptViews}).
     */
    public Mono<CalendarView> view(long accountId, LocalDate from, LocalDate to, ZoneId zone) {
        return versions.read(accountId, VERSION_KIND).flatMap(version -> kept.get(accountId, from, to, zone, version,
                () -> workOut(accountId, from, to, zone)));
    }

    private Mono<CalendarView> workOut(long accountId, LocalDate from, LocalDate to, ZoneId zone) {
        Instant fromInstant = from.atStartOfDay(zone).toInstant();
        Instant toInstant = to.atStartOfDay(zone).toInstant();
        return events.findTouching(accountId, fromInstant.minus(CalendarEvent.SHORT_SPAN), fromInstant, toInstant)
                .collectList()
                .flatMap(rows -> overriddenKeys(accountId, rows)
                        .flatMap(overridden -> Blocking.PARSING.call(() -> expander.expand(rows, overridden, from, to, zone))));
    }

    private Mono<Map<Long, Set<String>>> overriddenKeys(long accountId, List<CalendarEvent> rows) {
        List<Long> seriesIds = rows.stream().filter(CalendarEvent::repeats).map(CalendarEvent::id).toList();
        if (seriesIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return events.findOverridesOf(accountId, seriesIds)
                .collect(HashMap::new, (keys, override) -> keys
                        .computeIfAbsent(override.parentId(), id -> new HashSet<>()).add(override.recurrenceKey()));
    }

    public Mono<CalendarEvent> event(long accountId, long id) {
        return events.findByIdAndAccountId(id, accountId).switchIfEmpty(Mono.error(EventNotFound::new));
    }

    /**
     * One occurrence: of a single event ({@code key} null), or of a series — the instance named by
     * {@code key} (its override when it has one), or the first instance when {@code key} is null.
     */
    public Mono<Occurrence> occurrence(long accountId, long id, String key) {
        return event(accountId, id).flatMap(event -> {
            if (event.isOverride()) {
                return Mono.error(new EventNotFound());
            }
            if (!event.repeats()) {
                return key == null ? Mono.just(single(event)) : Mono.error(new EventNotFound());
            }
            String wanted = key == null ? firstKey(event) : key;
            if (event.excludedKeys().contains(wanted)) {
                return Mono.error(new EventNotFound());
            }
            return events.findOverride(accountId, id, wanted)
                    .map(CalendarService::single)
                    .switchIfEmpty(Blocking.PARSING.call(() -> instance(event, wanted)))
                    .switchIfEmpty(Mono.error(EventNotFound::new));
        });
    }

    public Mono<CalendarEvent> create(long accountId, Map<String, List<String>> form) {
        return Mono.fromCallable(() -> EventFields.read(form, null))
                .flatMap(fields -> {
                    Instant now = clock.instant();
                    return windowed(fields.toRow(null, accountId, newUid(), null, null, "", now, now));
                })
                .flatMap(row -> writes.changing(accountId, events.save(row)));
    }

    /**
     * Changes an event. For a series, {@code key} names the occurrence the person edited and
     * {@code scope} whether the change is for all of them, just this one (an override), or this
     * one and the ones after it (the series is split in two). The form's {@code version} is that of
     * the row it was shown from (the occurrence's own row, else the series): when another save came
     * in between, nothing changes and {@link ChangedElsewhere} says so.
     */
    public Mono<CalendarEvent> update(long accountId, long id, String key, Scope scope, Map<String, List<String>> form) {
        return occurrence(accountId, id, key).flatMap(occurrence -> event(accountId, occurrence.seriesId())
                .flatMap(master -> {
                    EventFields fields = EventFields.read(form, master.repeatRule());
                    Instant now = clock.instant();
                    List<String> typed = form.get("version");
                    long shown = ChangedElsewhere.expectedVersion(typed == null || typed.isEmpty() ? null : typed.get(0),
                            occurrence.event().version());
                    // The series as shown, when the form was shown from it; else as just read.
                    CalendarEvent series = occurrence.event().isOverride() ? master : master.withVersion(shown);
                    if (!master.repeats()) {
                        return windowed(fields.toRow(master.id(), accountId, master.uid(), null, null, "",
                                master.createdAt(), now).withVersion(shown))
                                .flatMap(row -> writes.changing(accountId, events.save(row)));
                    }
                    boolean first = occurrence.key().equals(firstKey(master));
                    return switch (scope) {
                        case THIS -> saveOverride(accountId, master, occurrence, fields, shown, now);
                        case FOLLOWING -> first ? updateSeries(accountId, series, occurrence.key(), fields, now)
                                : split(accountId, series, occurrence.key(), fields, now);
                        case ALL -> updateSeries(accountId, series, occurrence.key(), fields, now);
                    };
                }))
                .onErrorMap(CalendarService::isConflict, conflict -> new ChangedElsewhere());
    }

    /** Deletes an event, or for a series the occurrence {@code key}, or it and all after it. */
    public Mono<Void> delete(long accountId, long id, String key, Scope scope) {
        return occurrence(accountId, id, key).flatMap(occurrence -> event(accountId, occurrence.seriesId())
                .flatMap(master -> {
                    if (!master.repeats() || scope == Scope.ALL
                            || scope == Scope.FOLLOWING && occurrence.key().equals(firstKey(master))) {
                        return writes.changing(accountId, events.delete(master));
                    }
                    Instant now = clock.instant();
                    if (scope == Scope.THIS) {
                        if (!master.excludedKeys().contains(occurrence.key())
                                && master.excludedKeys().size() >= EventFields.MAX_EXCLUDED) {
                            return Mono.error(InvalidInput.of("scope", "This repeating event already has "
                                    + ICalendars.thousands(EventFields.MAX_EXCLUDED) + " deleted occurrences, as many as"
                                    + " Modulo keeps. Delete this one and the ones after it, or change the series, instead."));
                        }
                        // One EXDATE added to the row as it is now: an edit saved meanwhile stands.
                        Mono<Integer> dropOverride = occurrence.event().isOverride()
                                ? events.deleteOverride(accountId, master.id(), occurrence.key()) : Mono.empty();
                        return writes.changing(accountId, dropOverride
                                .then(events.addExdate(master.id(), accountId, occurrence.key(), now))).then();
                    }
                    return writes.changing(accountId, endBefore(accountId, master, occurrence.key(), now)).then();
                }))
                .onErrorMap(CalendarService::isConflict, conflict -> new ChangedElsewhere());
    }

    /** Another save or import came in between: a version that moved, or a row that now exists. */
    private static boolean isConflict(Throwable error) {
        return error instanceof OptimisticLockingFailureException || error instanceof DuplicateKeyException;
    }

    /** A conflict with a concurrent import or edit, which a new try resolves (it finds the rows the other made). */
    static boolean isRetryable(Throwable error) {
        return isConflict(error) || error instanceof PessimisticLockingFailureException;
    }

    // iCalendar in and out

    /** Imports an .ics file in one transaction ({@link CalendarImports}). */
    public Mono<ImportReport> importCalendar(long accountId, byte[] file) {
        return imports.importCalendar(accountId, file);
    }

    /** The whole calendar as iCalendar text, streamed as it is written. */
    public Flux<DataBuffer> export(long accountId) {
        return exports.export(accountId);
    }

    /** The secret token of the account's subscription address, made on first use. */
    public Mono<String> feedToken(long accountId) {
        return feeds.findById(accountId).map(CalendarFeed::token)
                .switchIfEmpty(Mono.defer(() -> dev.modulo.platform.RandomTokens.next()
                        .flatMap(token -> feeds.insert(accountId, token, clock.instant()).thenReturn(token))
                        // Two first visits at once: the other one's token stands.
                        .onErrorResume(org.springframework.dao.DataIntegrityViolationException.class,
                                race -> feeds.findById(accountId).map(CalendarFeed::token))));
    }

    /** A new subscription address; the old one stops working at once. */
    public Mono<String> regenerateFeedToken(long accountId) {
        return feedToken(accountId).then(dev.modulo.platform.RandomTokens.next())
                .flatMap(token -> feeds.replace(accountId, token, clock.instant()).thenReturn(token));
    }

    /**
     * What a subscription feed's text depends on, read without writing it: a calendar app's poll
     * that finds the same version is answered 304 from this alone. Empty when no calendar has the token.
     */
    public Mono<FeedVersion> feedVersion(String token) {
        if (token == null || token.isEmpty() || token.length() > 64) {
            return Mono.empty();
        }
        return exports.version(token);
    }

    /** The feed whose version was just read, streamed as it is written. */
    public Flux<DataBuffer> feed(FeedVersion version) {
        return exports.feed(version);
    }

    /** A feed's account and its entity tag (quoted, as in the ETag header). */
    public record FeedVersion(long accountId, String etag) {
    }

    // Exceptions to a series

    /** Saves "just this one": over the override shown (at version {@code shown}), or as a new one. */
    private Mono<CalendarEvent> saveOverride(long accountId, CalendarEvent master, Occurrence occurrence,
            EventFields fields, long shown, Instant now) {
        String key = occurrence.key();
        boolean existing = occurrence.event().isOverride();
        Long existingId = existing ? occurrence.event().id() : null;
        Instant created = existing ? occurrence.event().createdAt() : now;
        // A new override made meanwhile by another tab is a unique-key conflict, not a second copy.
        return windowed(fields.toRow(existingId, accountId, master.uid(), master.id(), key, "", created, now)
                        .withVersion(existing ? shown : null))
                .flatMap(row -> writes.changing(accountId, events.save(row)));
    }

    /** "All events": the change moves every instance by as much as the edited one moved. */
    private Mono<CalendarEvent> updateSeries(long accountId, CalendarEvent master, String key,
            EventFields fields, Instant now) {
        EventFields shifted = shiftedToSeriesStart(master, key, fields);
        boolean timingChanged = !sameTiming(master, shifted);
        CalendarEvent row = shifted.toRow(master.id(), accountId, master.uid(), null, null,
                timingChanged ? "" : master.exdates(), master.createdAt(), now).withVersion(master.version());
        // Instances are named by their original start: once the timing changes, exceptions no longer fit.
        Mono<Void> dropExceptions = timingChanged ? events.deleteOverridesFrom(accountId, master.id(), "").then()
                : Mono.empty();
        return windowed(row).flatMap(updated -> writes.changing(accountId, dropExceptions.then(events.save(updated))));
    }

    /** "This and following": the series ends before {@code key}; a new series starts there with the changes. */
    private Mono<CalendarEvent> split(long accountId, CalendarEvent master, String key, EventFields fields,
            Instant now) {
        return Blocking.PARSING.call(() -> remainingCount(master, key)).map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(remaining -> {
                    // A count left as it was means "the rest of them", not as many again.
                    boolean countUnchanged = fields.repeat().count() != null
                            && fields.repeat().count().equals(master.repeatRule().count());
                    String rule = fields.rrule() != null && countUnchanged && remaining.isPresent()
                            ? RepeatRule.withCount(fields.rrule(), remaining.get()) : fields.rrule();
                    EventFields following = new EventFields(fields.title(), fields.location(), fields.description(),
                            fields.colour(), fields.allDay(), fields.zone(), fields.startAt(), fields.endAt(),
                            fields.startDate(), fields.endDate(), fields.repeat(), rule);
                    return windowed(following.toRow(null, accountId, newUid(), null, null, "", now, now))
                            .flatMap(next -> writes.changing(accountId,
                                    endBefore(accountId, master, key, now).then(events.save(next))));
                });
    }

    private Mono<CalendarEvent> endBefore(long accountId, CalendarEvent master, String key, Instant now) {
        CalendarEvent ended = master.withRule(RepeatRule.endingBefore(master.rrule(), key, master.allDay(), master.zoneId()),
                master.exdates(), master.windowEnd(), now);
        return windowed(ended).flatMap(row -> events.deleteOverridesFrom(accountId, master.id(), key)
                .then(events.save(row)));
    }

    /** How many instances a COUNT-bounded series has from {@code key} on (empty when it has no COUNT). */
    private static Integer remainingCount(CalendarEvent master, String key) {
        String count = RepeatRule.parts(master.rrule()).get("COUNT");
        if (count == null) {
            return null;
        }
        Instant splitAt = master.allDay() ? Expander.dateOfKey(key).atStartOfDay(Expander.LATEST).toInstant()
                : Expander.instantOfKey(key);
        int before = (int) Expander.instancesBetween(master, master.windowStart(), splitAt, RepeatRule.MAX_COUNT + 1)
                .stream().filter(instance -> instance.key().compareTo(key) < 0).count();
        return Math.max(1, Integer.parseInt(count) - before);
    }

    /** The fields moved from the edited instance (named by {@code key}, its original start) to the series' start. */
    private static EventFields shiftedToSeriesStart(CalendarEvent master, String key, EventFields fields) {
        if (fields.allDay()) {
            LocalDate originalStart = master.allDay() ? Expander.dateOfKey(key)
                    : Expander.instantOfKey(key).atZone(master.zoneId()).toLocalDate();
            long days = ChronoUnit.DAYS.between(originalStart, fields.startDate());
            LocalDate seriesStart = (master.allDay() ? master.startDate()
                    : master.startAt().atZone(master.zoneId()).toLocalDate()).plusDays(days);
            long length = ChronoUnit.DAYS.between(fields.startDate(), fields.endDate());
            return new EventFields(fields.title(), fields.location(), fields.description(), fields.colour(), true,
                    fields.zone(), null, null, seriesStart, seriesStart.plusDays(length), fields.repeat(),
                    fields.repeat().toRrule(seriesStart, null, fields.zone(), true));
        }
        ZoneId zone = fields.zone();
        LocalDateTime originalStart = master.allDay() ? Expander.dateOfKey(key).atStartOfDay()
                : LocalDateTime.ofInstant(Expander.instantOfKey(key), zone);
        Duration shift = Duration.between(originalStart, LocalDateTime.ofInstant(fields.startAt(), zone));
        LocalDateTime seriesStart = (master.allDay() ? master.startDate().atStartOfDay()
                : LocalDateTime.ofInstant(master.startAt(), zone)).plus(shift);
        Instant startAt = seriesStart.atZone(zone).toInstant();
        Instant endAt = startAt.plus(Duration.between(fields.startAt(), fields.endAt()));
        return new EventFields(fields.title(), fields.location(), fields.description(), fields.colour(), false, zone,
                startAt, endAt, null, null, fields.repeat(),
                fields.repeat().toRrule(seriesStart.toLocalDate(), seriesStart.toLocalTime(), zone, false));
    }

    private static boolean sameTiming(CalendarEvent master, EventFields fields) {
        return master.allDay() == fields.allDay() && master.zone().equals(fields.zone().getId())
                && java.util.Objects.equals(master.startAt(), fields.startAt())
                && java.util.Objects.equals(master.startDate(), fields.startDate())
                && java.util.Objects.equals(master.rrule(), fields.rrule());
    }

    // Windows: the instants that bound every occurrence of a row, for range queries.

    /** The row with its window filled in (expanding a COUNT rule, which is CPU work, off the event loop). */
    static Mono<CalendarEvent> windowed(CalendarEvent row) {
        return Blocking.PARSING.call(() -> withWindow(row));
    }

    static CalendarEvent withWindow(CalendarEvent row) {
        Instant start = row.allDay() ? row.startDate().atStartOfDay(Expander.EARLIEST).toInstant() : row.startAt();
        Instant end = row.allDay() ? row.endDate().atStartOfDay(Expander.LATEST).toInstant() : row.endAt();
        if (row.repeats()) {
            end = seriesEnd(row);
        }
        if (end == null || end.isAfter(CalendarEvent.FOREVER)) {
            end = CalendarEvent.FOREVER;
        }
        boolean longSpan = Duration.between(start, end).compareTo(CalendarEvent.SHORT_SPAN) > 0;
        return new CalendarEvent(row.id(), row.accountId(), row.uid(), row.parentId(), row.recurrenceKey(), row.title(),
                row.location(), row.description(), row.colour(), row.allDay(), row.zone(), row.startAt(), row.endAt(),
                row.startDate(), row.endDate(), row.rrule(), row.exdates(), start, end, longSpan, row.createdAt(),
                row.updatedAt(), row.version());
    }

    /** When the last instance of a series ends; null when it repeats forever (or too many times to say). */
    private static Instant seriesEnd(CalendarEvent row) {
        Map<String, String> parts = RepeatRule.parts(row.rrule());
        Duration length = row.allDay() ? Duration.ofDays(ChronoUnit.DAYS.between(row.startDate(), row.endDate()))
                : Duration.between(row.startAt(), row.endAt());
        Instant start = row.allDay() ? row.startDate().atStartOfDay(Expander.EARLIEST).toInstant() : row.startAt();
        if (parts.containsKey("UNTIL")) {
            String until = parts.get("UNTIL");
            Instant last = until.length() == 8
                    ? LocalDate.parse(until, Expander.DATE_KEY).plusDays(1).atStartOfDay(Expander.LATEST).toInstant()
                    : until.endsWith("Z") ? Expander.instantOfKey(until)
                    : LocalDateTime.parse(until, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                            .atZone(row.zoneId()).toInstant();
            return (last.isBefore(start) ? start : last).plus(length).plus(Duration.ofHours(26));
        }
        if (parts.containsKey("COUNT")) {
            int count;
            try {
                count = Integer.parseInt(parts.get("COUNT"));
            } catch (NumberFormatException unreadable) {
                return null;
            }
            if (count > RepeatRule.MAX_COUNT) {
                return null;
            }
            List<Occurrence> all = Expander.instancesBetween(row, start, Instant.parse("9999-12-31T00:00:00Z"), count);
            if (all.isEmpty()) {
                return start.plus(length);
            }
            Occurrence last = all.get(all.size() - 1);
            return last.allDay() ? last.endDate().atStartOfDay(Expander.LATEST).toInstant() : last.end();
        }
        return null;
    }

    // Helpers

    static Occurrence single(CalendarEvent event) {
        long seriesId = event.isOverride() ? event.parentId() : event.id();
        return new Occurrence(event, seriesId, event.isOverride() ? event.recurrenceKey() : null, event.startAt(),
                event.endAt(),
                event.startDate(), event.endDate());
    }

    static String firstKey(CalendarEvent series) {
        return series.allDay() ? Expander.key(series.startDate()) : Expander.key(series.startAt());
    }

    /** The instance of {@code series} that starts at {@code key}, or null when the rule has none there. */
    private static Occurrence instance(CalendarEvent series, String key) {
        try {
            Instant at = series.allDay() ? Expander.dateOfKey(key).atStartOfDay(Expander.EARLIEST).toInstant()
                    : Expander.instantOfKey(key);
            Instant until = series.allDay() ? Expander.dateOfKey(key).plusDays(1).atStartOfDay(Expander.LATEST).toInstant()
                    : at.plusSeconds(1);
            return Expander.instancesBetween(series, at, until, RepeatRule.MAX_COUNT).stream()
                    .filter(instance -> instance.key().equals(key)).findFirst().orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    static String newUid() {
        return UUID.randomUUID() + "@modulo";
    }

}
