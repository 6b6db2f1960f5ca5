package dev.modulo.accounts;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Storage each account may use, per its plan. Modules reserve bytes before they store a blob
 * and release them when it is gone. Each reservation is one conditional UPDATE, so concurrent
 * reservations can never together pass the quota.
 */
@Service
public class StorageQuota {

    private final Accounts accounts;
    private final AccountService service;

    StorageQuota(Accounts accounts, AccountService service) {
        this.accounts = accounts;
        this.service = service;
    }

    /** Completes when {@code bytes} are reserved; fails with {@link QuotaExceeded} and reserves nothing otherwise. */
    public Mono<Void> reserve(long accountId, long bytes) {
        requireNonNegative(bytes);
        return service.find(accountId)
                .flatMap(account -> accounts.reserveStorage(accountId, bytes, quotaOf(account))
                        .filter(updated -> updated == 1)
                        .switchIfEmpty(Mono.defer(() -> usage(accountId)
                                .flatMap(usage -> Mono.error(new QuotaExceeded(bytes, usage))))))
                .then();
    }

    /**
     * Fails with {@link QuotaExceeded} when {@code bytes} would not fit now, reserving nothing: a
     * cheap check before expensive work (decoding a picture). Only {@link #reserve} decides.
     */
    public Mono<Void> check(long accountId, long bytes) {
        requireNonNegative(bytes);
        return usage(accountId)
                .flatMap(usage -> usage.availableBytes() >= bytes ? Mono.<Void>empty()
                        : Mono.error(new QuotaExceeded(bytes, usage)));
    }

    /** Gives back bytes reserved earlier (never below zero). */
    public Mono<Void> release(long accountId, long bytes) {
        requireNonNegative(bytes);
        return accounts.releaseStorage(accountId, bytes).then();
    }

    public Mono<StorageUsage> usage(long accountId) {
        return service.find(accountId)
                .map(account -> new StorageUsage(account.storageUsedBytes(), quotaOf(account)));
    }

    private long quotaOf(Account account) {
        return service.planOf(account).storageQuota().toBytes();
    }

    private static void requireNonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }
}
