package dev.modulo.images;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.modulo.platform.Blocking;
import dev.modulo.platform.Permits;
import reactor.core.publisher.Mono;

/**
 * The memory all picture decoding in this process may use at once, in bytes: a
 * {@link Permits weighted, fair semaphore} that waits without holding a thread. A decode first
 * reserves its estimated size (pixels × bytes per pixel × room for the thumbnailing copies), then
 * runs on the {@link Blocking#IMAGES} threads, and gives the bytes back when the decoding itself has
 * ended (not when a caller stops waiting for it). Waiters are served in order, so a large picture is
 * not passed over for ever by small ones; one asking more than the whole budget waits until it is
 * alone. A waiter that gets no memory within the deadline is refused with {@link ImagesBusy}.
 */
final class DecodeBudget {

    private final Permits bytes;
    private final Duration wait;
    private final AtomicInteger decoding = new AtomicInteger();
    private long peakInUse;
    private int peakDecoding;

    DecodeBudget(long totalBytes, Duration wait) {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("The decode memory must be positive");
        }
        // Nobody is turned away for the length of the line: the deadline bounds the wait instead.
        this.bytes = new Permits(totalBytes, Integer.MAX_VALUE);
        this.wait = wait;
    }

    /** The default: a quarter of the heap, which leaves the rest to requests, caches and the database. */
    static long defaultBytes() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * Runs {@code decode} on the image threads once {@code bytes} of the budget are its own, and
     * gives them back when it ends. Errors with {@link ImagesBusy} if the memory is not free in time.
     */
    <T> Mono<T> withMemory(long bytes, Callable<T> decode) {
        return reserve(bytes).flatMap(permit -> Blocking.IMAGES.call(() -> permit.use(decode))
                // Cancelled before the decode started: the bytes go back now; once started, when it ends.
                .doOnCancel(permit::releaseUnlessStarted));
    }

    /** {@code bytes} of the budget (at most all of it), granted in order, or {@link ImagesBusy} after the deadline. */
    Mono<Permit> reserve(long wanted) {
        return bytes.acquire(wanted)
                .timeout(wait)
                .onErrorMap(TimeoutException.class, late -> new ImagesBusy(
                        "Many pictures are being processed right now; please try this one again in a minute."))
                .map(Permit::new);
    }

    long total() {
        return bytes.capacity();
    }

    long inUse() {
        return bytes.inUse();
    }

    int waiting() {
        return bytes.waiting();
    }

    /** The most bytes ever granted at once. */
    synchronized long peakInUse() {
        return peakInUse;
    }

    /** The most decodes ever running at once. */
    synchronized int peakDecoding() {
        return peakDecoding;
    }

    /** Starts the peaks afresh from what is in use now (for a measurement). */
    synchronized void resetPeaks() {
        peakInUse = bytes.inUse();
        peakDecoding = decoding.get();
    }

    private synchronized void granted() {
        peakInUse = Math.max(peakInUse, bytes.inUse());
    }

    private synchronized void started() {
        peakDecoding = Math.max(peakDecoding, decoding.incrementAndGet());
    }

    /** Bytes of the budget held by one decode; given back exactly once. */
    final class Permit {

        private static final int GRANTED = 0;
        private static final int STARTED = 1;
        private static final int RELEASED = 2;

        private final Permits.Permit held;
        private final AtomicInteger state = new AtomicInteger(GRANTED);

        private Permit(Permits.Permit held) {
            this.held = held;
            granted();
        }

        long bytes() {
            return held.amount();
        }

        /** Runs {@code work} holding these bytes, and gives them back when it ends. */
        <T> T use(Callable<T> work) throws Exception {
            if (!state.compareAndSet(GRANTED, STARTED)) {
                throw new IllegalStateException("The decode was cancelled before it started");
            }
            started();
            try {
                return work.call();
            } finally {
                decoding.decrementAndGet();
                release();
            }
        }

        /** Gives the bytes back, unless a decode holding them is running (it gives them back itself). */
        void releaseUnlessStarted() {
            if (state.compareAndSet(GRANTED, RELEASED)) {
                held.release();
            }
        }

        void release() {
            state.set(RELEASED);
            held.release();
        }
    }
}
