package dev.modulo.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * Views already worked out (a month, a week, an agenda: the rows read, the series expanded, the
 * occurrences filed by day), kept per account, range and zone, each with the calendar's version it
 * was made under; a view is used again while that version is still the calendar's. A page is
 * mostly this work (a busy month of 5,000 events is some 600 rows and 1,500 occurrences), and people
 * look at the same few months again and again. Bounded by the occurrences held; a view that was cut
 * short (too many occurrences, out of time) is not kept.
 */
final class KeptViews {

    private record Key(long accountId, LocalDate from, LocalDate to, ZoneId zone) {
    }

    private record Kept(long version, CalendarView view) {
    }

    private final Cache<Key, Kept> views;

    KeptViews(long maxOccurrences) {
        this.views = Caffeine.newBuilder()
                .maximumWeight(maxOccurrences)
                .<Key, Kept>weigher((key, kept) -> 1 + kept.view().occurrences().size())
                .build();
    }

    /** The view kept for this version of the account's calendar, else the one {@code make} works out (then kept). */
    Mono<CalendarView> get(long accountId, LocalDate from, LocalDate to, ZoneId zone, long version,
            Supplier<Mono<CalendarView>> make) {
        Key key = new Key(accountId, from, to, zone);
        Kept kept = views.getIfPresent(key);
        if (kept != null && kept.version() == version) {
            return Mono.just(kept.view());
        }
        return make.get().doOnNext(view -> {
            if (!view.truncated()) {
                // A slower request under an older version must not replace a newer view.
                views.asMap().merge(key, new Kept(version, view),
                        (old, made) -> old.version() > made.version() ? old : made);
            }
        });
    }
}
