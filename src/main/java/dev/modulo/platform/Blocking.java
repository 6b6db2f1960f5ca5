package dev.modulo.platform;

import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one place where blocking library work leaves the event loop, and the bulkheads it runs in:
 * one named, sized scheduler per kind of work, so a burst of one kind (fifty pictures to decode)
 * cannot starve another (a login waiting to hash its password).
 *
 * <p>Sizes follow the machine. The heavy CPU-bound kinds (hashing, decoding) get half the cores:
 * their threads run at the same priority as those serving pages, so a burst of uploads on every
 * core would slow every page down by as much (the head-of-line benchmark measured it); with half,
 * pages keep the other half, and decoding (background work a person does not wait on page by page)
 * runs at the lowest thread priority, which Linux turns into a higher nice value when the JVM runs
 * with {@code -XX:ThreadPriorityPolicy=1}. Short CPU-bound work (parsing) gets one thread per core; kinds that
 * mostly wait (a mail relay, the disk) get a few more. Each queue is bounded: past it the work is refused with a
 * {@link java.util.concurrent.RejectedExecutionException}, which the web layer answers with 503
 * and {@code Retry-After}, instead of piling up work nobody will wait for.
 *
 * <p>The embedded database is not here: each H2 connection has a thread of its own (see
 * {@code platform.internal.DatabaseOffloadConfiguration}).
 */
public enum Blocking {

    /** Password hashing (Argon2id: CPU and 16 MB of memory per hash). */
    PASSWORDS("passwords", halfTheCores(), 1_000, Thread.NORM_PRIORITY),
    /** Decoding pictures, reading their metadata, making thumbnails (CPU and much memory); background work. */
    IMAGES("images", halfTheCores(), 1_000, Thread.MIN_PRIORITY),
    /** Parsing and writing documents: MIME, vCard, iCalendar, Markdown, feeds, spam tokens, repeat rules. */
    PARSING("parsing", cores(), 10_000, Thread.NORM_PRIORITY),
    /** Talking to the outbound mail relay (waits on the network, bounded by the relay's timeouts). */
    MAIL("mail", 4, 10_000, Thread.NORM_PRIORITY),
    /**
     * Receiving uploads: the parts of a multipart body found, hashed and written to disk here, not on
     * the event loop that reads the socket (see {@link #receive}). Background work, like decoding.
     */
    UPLOADS("uploads", halfTheCores(), 100_000, Thread.MIN_PRIORITY),
    /** Files of the blob store: staging, moving, deleting, walking; and drawing random tokens. */
    FILES("files", Math.max(4, 2 * cores()), 100_000, Thread.NORM_PRIORITY);

    private static final int IDLE_SECONDS = 60;
    /** Buffers of a body queued ahead of its reader (Netty's are 8–64 KB). */
    private static final int RECEIVE_QUEUE = 16;

    private final Scheduler scheduler;
    private final int threads;

    Blocking(String name, int threads, int queuedTasks, int priority) {
        this.threads = threads;
        AtomicInteger created = new AtomicInteger();
        ThreadFactory named = work -> {
            Thread thread = new Thread(work, name + "-" + created.incrementAndGet());
            thread.setDaemon(true);
            // Only honoured by the JVM with -XX:ThreadPriorityPolicy=1 (see README); lowering needs no privilege.
            thread.setPriority(priority);
            return thread;
        };
        // Created on demand and let go after a minute idle.
        this.scheduler = Schedulers.newBoundedElastic(threads, queuedTasks, named, IDLE_SECONDS);
    }

    /** Runs {@code work} on this kind's threads and emits its result (empty for null). */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    /** Subscribes to the publisher {@code work} makes on this kind's threads (it may block to start). */
    public <T> Mono<T> defer(Supplier<Mono<T>> work) {
        return Mono.defer(work).subscribeOn(scheduler);
    }

    /**
     * The items of a stream {@code open} opens (a directory walk, say), read lazily on this kind's
     * threads as they are asked for, and closed at the end or on cancel: a long walk never sits in memory.
     */
    public <T> Flux<T> each(Callable<Stream<T>> open) {
        return Flux.using(open, Flux::fromStream, Stream::close).subscribeOn(scheduler);
    }

    /** Runs {@code work} on this kind's threads. */
    public Mono<Void> run(Runnable work) {
        return Mono.fromRunnable(work).subscribeOn(scheduler).then();
    }

    /**
     * The buffers of {@code body} handed on to this kind's threads as they arrive, so what is done
     * with them downstream runs there; at most a few are queued, so the socket is read no faster
     * than they are used. Buffers still queued when the reader gives up are released.
     */
    public Flux<DataBuffer> receive(Flux<DataBuffer> body) {
        return body.publishOn(scheduler, RECEIVE_QUEUE).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    /** How many of this kind run at once. */
    public int threads() {
        return threads;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static int halfTheCores() {
        return Math.max(1, cores() / 2);
    }
}
