package dev.modulo.blog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.modulo.accounts.AccountService;
import dev.modulo.platform.ReadMemo;
import dev.modulo.web.CachedPages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/**
 * When a blog's public pages ({@code /@username/…}) change, so the shell can keep them rendered
 * for readers ({@link CachedPages}) and know when not to serve them any more.
 *
 * <p>Every write that changes what readers see calls {@link #changed} inside its transaction: it
 * bumps the blog's version in the database, where every instance reads it, and once the write has
 * committed this instance forgets what it knew. A blog's stamp is its version, its owner's time zone
 * (dates and addresses are written in it) and the time of its next scheduled post, read at most once
 * a second: another instance's change shows within a second, and a scheduled post when its time
 * comes (by the application's clock).
 */
@Component
class PublicBlogPages implements CachedPages {

    /** How long a blog's stamp is trusted before the database is asked again. */
    static final Duration CHANGES_ELSEWHERE_SHOW_WITHIN = Duration.ofSeconds(1);

    private static final String PREFIX = "/@";

    /** What a blog's public pages are made from. */
    record Stamp(long accountId, ZoneId zone, long version, Instant nextScheduled) {
    }

    private final AccountService accounts;
    private final PublicVersions versions;
    private final Clock clock;
    private final ReadMemo<String, Stamp> stamps;
    private final Cache<Long, String> groups = Caffeine.newBuilder().maximumSize(10_000).build();

    PublicBlogPages(AccountService accounts, PublicVersions versions, ObjectProvider<Clock> clock) {
        this.accounts = accounts;
        this.versions = versions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.stamps = new ReadMemo<>(CHANGES_ELSEWHERE_SHOW_WITHIN, this::load, Stamp::nextScheduled, this.clock);
    }

    /**
     * Pages are filed by path and the query parameters the pages read: a comment page number and
     * the "thank you" notice. Any other parameter is ignored, as the pages ignore it.
     */
    @Override
    public Optional<Key> match(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', PREFIX.length());
        String username = (end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end))
                .toLowerCase(Locale.ROOT);
        if (username.isEmpty()) {
            return Optional.empty();
        }
        MultiValueMap<String, String> query = request.getQueryParams();
        StringBuilder page = new StringBuilder(path);
        String number = query.getFirst("page");
        if (number != null) {
            page.append("?page=").append(number);
        }
        if (query.containsKey("commented")) {
            page.append(number == null ? '?' : '&').append("commented");
        }
        return Optional.of(new Key(PREFIX + username, page.toString()));
    }

    @Override
    public Mono<Stamp> stamp(String group) {
        return stamps.get(group);
    }

    /**
     * Marks the blog's public pages changed: call within the transaction of the write. Its version
     * is bumped with it; this instance forgets its stamp when the transaction commits (at once,
     * outside a transaction).
     */
    Mono<Void> changed(long accountId) {
        return versions.bump(accountId).then(stamps.forgetAfterCommit(() -> groups.getIfPresent(accountId)));
    }

    private Mono<Stamp> load(String group) {
        Instant now = clock.instant();
        return accounts.findByUsername(group.substring(PREFIX.length()))
                .flatMap(account -> versions.read(account.id(), now)
                        .map(read -> new Stamp(account.id(), account.zone(), read.version(), read.nextScheduled())))
                .doOnNext(stamp -> groups.put(stamp.accountId(), group));
    }
}
