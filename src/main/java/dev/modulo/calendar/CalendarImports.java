package dev.modulo.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountService;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Importing .ics files into an account's calendar: series, their changed and cancelled instances,
 * and events already here by UID, stored in one transaction.
 */
@Component
class CalendarImports {

    private final CalendarEvents events;
    private final AccountService accounts;
    private final CalendarProperties properties;
    private final CalendarWrites writes;
    private final Clock clock;

    CalendarImports(CalendarEvents events, AccountService accounts, CalendarProperties properties,
            CalendarWrites writes, ObjectProvider<Clock> clock) {
        this.events = events;
        this.accounts = accounts;
        this.properties = properties;
        this.writes = writes;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Imports an .ics file in one transaction: an event whose UID is already here replaces it, moved
     * or cancelled instances become overrides or deleted instances of their series. A file that
     * cannot be read imports nothing; single events that cannot be held are skipped with a reason.
     * The same file imported several times at once gives one copy of each event: the UID is a
     * unique key, and the import that meets a row another one stored meanwhile tries again (and
     * then replaces that row).
     */
    Mono<ImportReport> importCalendar(long accountId, byte[] file) {
        if (file.length > properties.maxImportSize().toBytes()) {
            return Mono.error(InvalidInput.of("file", "The file is larger than "
                    + properties.maxImportSize().toMegabytes() + " MB; split it or export a shorter period."));
        }
        return accounts.find(accountId).map(Account::zone)
                .flatMap(zone -> Blocking.PARSING.call(() -> ICalendars.read(file, zone, properties.maxImportEvents())))
                .flatMap(parsed -> Mono.defer(() -> writes.changing(accountId, store(accountId, parsed)))
                        .retryWhen(Retry.backoff(8, Duration.ofMillis(20)).jitter(1.0)
                                .filter(CalendarService::isRetryable)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure())));
    }

    private Mono<ImportReport> store(long accountId, ICalendars.Parsed parsed) {
        List<String> skipped = new ArrayList<>(parsed.skipped());
        List<String> notes = new ArrayList<>(parsed.notes());
        Map<String, ICalendars.Imported> masters = new LinkedHashMap<>();
        Map<String, List<ICalendars.Imported>> overrides = new LinkedHashMap<>();
        for (ICalendars.Imported event : parsed.events()) {
            if (event.key() != null) {
                overrides.computeIfAbsent(event.uid(), uid -> new ArrayList<>()).add(event);
            } else if (event.cancelled()) {
                skipped.add("“" + event.title() + "”: it is cancelled.");
            } else if (masters.putIfAbsent(event.uid(), event) != null) {
                skipped.add("“" + event.title() + "”: its UID appears twice in the file; the first one was kept.");
            }
        }
        // Cancelled instances become deleted occurrences of their series: a series that would have more
        // than it can keep is left out whole, with its changed instances, rather than failing the import.
        masters.values().removeIf(master -> {
            if (excludedWithCancelled(master, overrides.getOrDefault(master.uid(), List.of())).size()
                    <= EventFields.MAX_EXCLUDED) {
                return false;
            }
            skipped.add("“" + master.title() + "”: " + ICalendars.tooManyExcluded());
            overrides.remove(master.uid());
            return true;
        });
        Set<String> uids = new LinkedHashSet<>(masters.keySet());
        uids.addAll(overrides.keySet());
        return existingMasters(accountId, new ArrayList<>(uids))
                .flatMap(existing -> storeAll(accountId, masters, overrides, existing, skipped, notes));
    }

    /** Events of the account with these UIDs, by UID, looked up a thousand at a time. */
    private Mono<Map<String, CalendarEvent>> existingMasters(long accountId, List<String> uids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < uids.size(); i += 1000) {
            chunks.add(uids.subList(i, Math.min(uids.size(), i + 1000)));
        }
        return Flux.fromIterable(chunks).concatMap(chunk -> events.findMasters(accountId, chunk))
                .collectMap(CalendarEvent::uid, event -> event);
    }

    private Mono<ImportReport> storeAll(long accountId, Map<String, ICalendars.Imported> masters,
            Map<String, List<ICalendars.Imported>> overrides, Map<String, CalendarEvent> existingByUid,
            List<String> skipped, List<String> notes) {
        int[] added = {0};
        int[] updated = {0};
        Instant now = clock.instant();
        Flux<Void> storedMasters = Flux.fromIterable(masters.values()).concatMap(master -> {
            List<ICalendars.Imported> own = overrides.getOrDefault(master.uid(), List.of());
            Set<String> exdates = excludedWithCancelled(master, own);
            ICalendars.Imported withExdates = new ICalendars.Imported(master.uid(), null, false, master.title(),
                    master.location(), master.description(), master.allDay(), master.zone(), master.startAt(),
                    master.endAt(), master.startDate(), master.endDate(), master.rrule(), exdates);
            return Mono.justOrEmpty(existingByUid.get(master.uid()))
                    .flatMap(existing -> events.deleteOverridesFrom(accountId, existing.id(), "")
                            .then(CalendarService.windowed(withExdates.toRow(existing.id(), accountId, master.uid(), null, null,
                                    existing.createdAt(), now).withVersion(existing.version())))
                            .doOnNext(row -> updated[0] += 1 + own.size()))
                    .switchIfEmpty(Mono.defer(() -> CalendarService.windowed(withExdates.toRow(null, accountId, master.uid(), null,
                            null, now, now)).doOnNext(row -> added[0] += 1 + own.size())))
                    .flatMap(events::save)
                    .flatMapMany(saved -> Flux.fromIterable(own).filter(override -> !override.cancelled())
                            .concatMap(override -> CalendarService.windowed(override.toRow(null, accountId, saved.uid(), saved.id(),
                                    override.key(), now, now)).flatMap(events::save)))
                    .then();
        });
        Flux<Void> orphans = Flux.fromIterable(overrides.entrySet())
                .filter(entry -> !masters.containsKey(entry.getKey()))
                .concatMap(entry -> Flux.fromIterable(entry.getValue())
                        .concatMap(override -> storeOrphan(accountId, existingByUid.get(entry.getKey()), override, now,
                                added, updated, notes)));
        return storedMasters.thenMany(orphans)
                .then(Mono.fromSupplier(() -> new ImportReport(added[0], updated[0], List.copyOf(skipped),
                        List.copyOf(notes))));
    }

    private static Set<String> excludedWithCancelled(ICalendars.Imported master, List<ICalendars.Imported> own) {
        Set<String> exdates = new LinkedHashSet<>(master.exdates());
        own.stream().filter(ICalendars.Imported::cancelled).forEach(cancelled -> exdates.add(cancelled.key()));
        return exdates;
    }

    /** A changed instance whose series is not in the file: attach it to the series already here, or keep it alone. */
    private Mono<Void> storeOrphan(long accountId, CalendarEvent master, ICalendars.Imported override, Instant now,
            int[] added, int[] updated, List<String> notes) {
        if (master == null) {
            if (override.cancelled()) {
                return Mono.empty();
            }
            String uid = override.uid() + "/" + override.key();
            if (uid.length() > EventFields.MAX_UID) {
                notes.add("“" + override.title() + "” is a changed instance of a repeating event that is not in the"
                        + " file, and its UID is too long to keep it alone; it was left out.");
                return Mono.empty();
            }
            notes.add("“" + override.title() + "” is a changed instance of a repeating event that is not in the file;"
                    + " it was imported as a single event.");
            // Imported before (this file again): replaced, as any event whose UID is here already.
            return events.findMasters(accountId, List.of(uid)).next()
                    .doOnNext(existing -> updated[0]++)
                    .flatMap(existing -> CalendarService.windowed(override.toRow(existing.id(), accountId, uid, null, null,
                            existing.createdAt(), now).withVersion(existing.version())))
                    .switchIfEmpty(Mono.defer(() -> {
                        added[0]++;
                        return CalendarService.windowed(override.toRow(null, accountId, uid, null, null, now, now));
                    }))
                    .flatMap(events::save).then();
        }
        if (override.cancelled()) {
            if (!master.excludedKeys().contains(override.key())
                    && master.excludedKeys().size() >= EventFields.MAX_EXCLUDED) {
                notes.add("A cancelled instance of “" + master.title() + "” was not deleted: the series already has "
                        + ICalendars.thousands(EventFields.MAX_EXCLUDED) + " deleted occurrences.");
                return Mono.empty();
            }
            updated[0]++;
            return events.addExdate(master.id(), accountId, override.key(), now).then();
        }
        return events.findOverride(accountId, master.id(), override.key())
                .doOnNext(existing -> updated[0]++)
                .flatMap(existing -> CalendarService.windowed(override.toRow(existing.id(), accountId, master.uid(), master.id(),
                        override.key(), existing.createdAt(), now).withVersion(existing.version())))
                .switchIfEmpty(Mono.defer(() -> {
                    added[0]++;
                    return CalendarService.windowed(override.toRow(null, accountId, master.uid(), master.id(), override.key(), now,
                            now));
                }))
                .flatMap(events::save).then();
    }
}
