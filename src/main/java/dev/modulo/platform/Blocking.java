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

    /** Runs {@code work} on the bounded-elastic scheduler. */
    public static Mono<Void> run(Runnable work) {
        return Mono.fromRunnable(work).subscribeOn(SCHEDULER).then();
    }
}
