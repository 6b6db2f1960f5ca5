package dev.modulo.platform;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one place where blocking library work (hashing, parsing, decoding, sending mail) leaves
 * the event loop. Every such call goes through here, so the choice of scheduler is made once.
 */
public final class Blocking {

    private static final Scheduler SCHEDULER = Schedulers.boundedElastic();

    private Blocking() {
    }

    /** Runs {@code work} on the bounded-elastic scheduler and emits its result (empty for null). */
    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(SCHEDULER);
    }

    /** Subscribes to the publisher {@code work} makes on the bounded-elastic scheduler (it may block to start). */
    public static <T> Mono<T> defer(java.util.function.Supplier<Mono<T>> work) {
        return Mono.defer(work).subscribeOn(SCHEDULER);
    }

    /** Runs {@code work} on the bounded-elastic scheduler. */
    public static Mono<Void> run(Runnable work) {
        return Mono.fromRunnable(work).subscribeOn(SCHEDULER).then();
    }
}
