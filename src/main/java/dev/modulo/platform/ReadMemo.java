package dev.modulo.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Values read from the database, each trusted for {@code trustFor} and shared by every caller that
 * asks meanwhile (one read in flight per key): for what is asked on every request but changes
 * rarely, such as whether a session's account still holds or a public page's stamp. A change on this
 * instance {@link #forget}s its key at once; other instances read it again within {@code trustFor}.
 * A value may also say until when it holds (a post scheduled for later), by the application's clock.
 *
 * @param <K> what a value is read by
 * @param <S> the value read
 */
public final class ReadMemo<K, S> {

    private final Duration trustFor;
    private final Function<K, Mono<S>> read;
    private final Function<S, Instant> holdsUntil;
    private final Clock clock;
    private final Cache<K, Memo<S>> memos = Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * @param read       the key's value as the database has it now; empty when there is none
     * @param holdsUntil the moment a value stops holding by itself (null for never)
     */
    public ReadMemo(Duration trustFor, Function<K, Mono<S>> read, Function<S, Instant> holdsUntil, Clock clock) {
        this.trustFor = trustFor;
        this.read = read;
        this.holdsUntil = holdsUntil;
        this.clock = clock;
    }

    public Mono<S> get(K key) {
        Memo<S> memo = memos.getIfPresent(key);
        if (memo != null && trusted(memo, System.nanoTime(), clock.instant())) {
            return memo.value;
        }
        Memo<S> fresh = new Memo<>(read.apply(key));
        memos.put(key, fresh);
        return fresh.value;
    }

    /** The key's value changed here: the next caller reads it again. */
    public void forget(K key) {
        memos.invalidate(key);
    }

    /**
     * {@link #forget}s the key named then (null: none) once the current transaction commits (at
     * once outside a transaction): a caller before the commit would read the old value again.
     */
    public Mono<Void> forgetAfterCommit(Supplier<K> key) {
        Runnable forget = () -> {
            K changed = key.get();
            if (changed != null) {
                forget(changed);
            }
        };
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(forget);
                    }
                }))
                .onErrorResume(NoTransactionException.class, none -> Mono.empty())
                .switchIfEmpty(Mono.fromRunnable(forget))
                .then();
    }

    private boolean trusted(Memo<S> memo, long nanoTime, Instant now) {
        if (nanoTime - memo.readAt >= trustFor.toNanos()) {
            return false;
        }
        S found = memo.read;
        Instant until = found == null ? null : holdsUntil.apply(found);
        return until == null || now.isBefore(until);
    }

    /** A value as read (or being read) at one moment. */
    private static final class Memo<S> {

        private final long readAt = System.nanoTime();
        private final Mono<S> value;
        private volatile S read;

        Memo(Mono<S> reading) {
            this.value = reading.doOnNext(found -> read = found).cache();
        }
    }
}
