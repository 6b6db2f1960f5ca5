package dev.modulo.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group commit: units of database work that arrive while a commit is under way wait for it, and
 * then run one after another in one transaction with a single commit; each caller hears of its
 * own result only once that commit is done. A unit that arrives alone runs at once, alone. A commit
 * costs the same for one row as for many (H2 writes out the changed pages of every table touched,
 * PostgreSQL flushes its log), so under load this takes most of that cost off each unit.
 *
 * <p>When any unit of a group fails, the group's transaction rolls back, and each of its units runs
 * again alone in a transaction of its own, so one bad unit costs the others time, never their
 * writes; the failing one gets its own error. Units must therefore be safe to run again: a {@code
 * Mono} that does its work when subscribed, as repositories' and {@code DatabaseClient}'s are. A
 * caller that stops waiting (a deadline) does not take its unit out of a group already running.
 * Units run in transactions of their own, never in one their caller may have open.
 */
public final class GroupCommit {

    private record Unit<T>(Mono<T> work, Sinks.One<T> result) {

        void succeed(Object value) {
            @SuppressWarnings("unchecked")
            T typed = (T) value;
            if (typed == null) {
                result.tryEmitEmpty();
            } else {
                result.tryEmitValue(typed);
            }
        }

        void fail(Throwable error) {
            result.tryEmitError(error);
        }
    }

    private final TransactionalOperator transactions;
    private final int maxGroup;
    private final Queue<Unit<?>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean committing = new AtomicBoolean();

    /** {@code maxGroup}: the most units one transaction takes (so that none grows without bound). */
    public GroupCommit(TransactionalOperator transactions, int maxGroup) {
        this.transactions = transactions;
        this.maxGroup = maxGroup;
    }

    /** Runs {@code work} in a transaction, maybe shared with others; its value comes after the commit. */
    public <T> Mono<T> run(Mono<T> work) {
        return Mono.defer(() -> {
            Sinks.One<T> result = Sinks.one();
            waiting.add(new Unit<>(work, result));
            drain();
            return result.asMono();
        });
    }

    /** Starts the next group unless one is committing; the one committing starts it when done. */
    private void drain() {
        while (!waiting.isEmpty() && committing.compareAndSet(false, true)) {
            List<Unit<?>> group = new ArrayList<>();
            for (Unit<?> next = waiting.poll(); next != null; next = group.size() < maxGroup ? waiting.poll() : null) {
                group.add(next);
            }
            if (group.isEmpty()) {
                committing.set(false);
                continue;
            }
            commit(group)
                    .doFinally(signal -> {
                        committing.set(false);
                        drain();
                    })
                    .subscribe(null, unexpected -> group.forEach(unit -> unit.fail(unexpected)));
            return;
        }
    }

    private Mono<Void> commit(List<Unit<?>> group) {
        Mono<Void> together = inOneTransaction(group);
        if (group.size() == 1) {
            return together.onErrorResume(failed -> {
                group.get(0).fail(failed);
                return Mono.empty();
            });
        }
        return together.onErrorResume(failed -> Flux.fromIterable(group)
                .flatMap(unit -> inOneTransaction(List.of(unit)).onErrorResume(own -> {
                    unit.fail(own);
                    return Mono.empty();
                }))
                .then());
    }

    /** The units one after another in one transaction; each hears of its value once it is committed. */
    private Mono<Void> inOneTransaction(List<Unit<?>> units) {
        Object[] values = new Object[units.size()];
        Flux<Object> all = Flux.range(0, units.size())
                .concatMap(i -> units.get(i).work().cast(Object.class).doOnNext(value -> values[i] = value));
        return transactions.transactional(all.then())
                .then(Mono.fromRunnable(() -> {
                    for (int i = 0; i < units.size(); i++) {
                        units.get(i).succeed(values[i]);
                    }
                }));
    }
}
