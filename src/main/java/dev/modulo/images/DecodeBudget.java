package dev.modulo.images;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.modulo.platform.Blocking;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * The memory all picture decoding in this process may use at once, in bytes: a weighted, fair
 * semaphore that waits without holding a thread. A decode first reserves its estimated size
 * (pixels × bytes per pixel × room for the thumbnailing copies), then runs on the
 * {@link Blocking#IMAGES} threads, and gives the bytes back when the decoding itself has ended
 * (not when a caller stops waiting for it). Waiters are served in order, so a large picture is not
 * passed over for ever by small ones; one asking more than the whole budget waits until it is
 * alone. A waiter that gets no memory within the deadline is refused with {@link ImagesBusy}.
 */
final class DecodeBudget {

    private final long total;
    private final Duration wait;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long available;
    private long peakInUse;
    private int decoding;
    private int peakDecoding;

    DecodeBudget(long totalBytes, Duration wait) {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("The decode memory must be positive");
        }
        this.total = totalBytes;
        this.wait = wait;
        this.available = totalBytes;
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

    /**
     * {@code bytes} of the budget, granted in order, or {@link ImagesBusy} after the deadline. The
     * deadline is a timer of its own rather than {@code timeout(…)}: a grant racing a timeout must
     * end in exactly one of the two, never in a permit nobody holds.
     */
    Mono<Permit> reserve(long bytes) {
        long wanted = Math.min(Math.max(bytes, 1), total);
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(wanted, sink);
            sink.onCancel(() -> abandon(waiter));
            if (enqueue(waiter)) {
                sink.success(waiter.permit);
                return;
            }
            sink.onDispose(Schedulers.parallel().schedule(() -> expire(waiter), wait.toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    long total() {
        return total;
    }

    synchronized long inUse() {
        return total - available;
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
        peakInUse = total - available;
        peakDecoding = decoding;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Whether the waiter got its bytes at once; otherwise it waits in line. */
    private synchronized boolean enqueue(Waiter waiter) {
        if (waiter.gone) {
            return false;
        }
        if (!waiting.isEmpty() || available < waiter.bytes) {
            waiting.add(waiter);
            return false;
        }
        grant(waiter);
        return true;
    }

    private void expire(Waiter waiter) {
        boolean expired;
        synchronized (this) {
            expired = waiting.remove(waiter);
        }
        if (expired) {
            waiter.sink.error(new ImagesBusy(
                    "Many pictures are being processed right now; please try this one again in a minute."));
        }
    }

    private void abandon(Waiter waiter) {
        Permit granted;
        synchronized (this) {
            waiter.gone = true;
            granted = waiting.remove(waiter) ? null : waiter.permit;
        }
        if (granted != null) {
            granted.releaseUnlessStarted();
        }
    }

    private void giveBack(long bytes) {
        List<Waiter> served = new ArrayList<>();
        synchronized (this) {
            available += bytes;
            while (!waiting.isEmpty() && waiting.peek().bytes <= available) {
                Waiter next = waiting.poll();
                grant(next);
                served.add(next);
            }
        }
        // Outside the lock: a waiter's chain goes on in this call.
        served.forEach(waiter -> waiter.sink.success(waiter.permit));
    }

    private void grant(Waiter waiter) {
        available -= waiter.bytes;
        peakInUse = Math.max(peakInUse, total - available);
        waiter.permit = new Permit(waiter.bytes);
    }

    private synchronized void started() {
        decoding++;
        peakDecoding = Math.max(peakDecoding, decoding);
    }

    private synchronized void ended() {
        decoding--;
    }

    private static final class Waiter {

        final long bytes;
        final MonoSink<Permit> sink;
        Permit permit; // guarded by the budget
        boolean gone; // guarded by the budget: the caller stopped waiting

        Waiter(long bytes, MonoSink<Permit> sink) {
            this.bytes = bytes;
            this.sink = sink;
        }
    }

    /** Bytes of the budget held by one decode; given back exactly once. */
    final class Permit {

        private static final int GRANTED = 0;
        private static final int STARTED = 1;
        private static final int RELEASED = 2;

        private final long bytes;
        private final AtomicInteger state = new AtomicInteger(GRANTED);

        private Permit(long bytes) {
            this.bytes = bytes;
        }

        long bytes() {
            return bytes;
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
                ended();
                release();
            }
        }

        /** Gives the bytes back, unless a decode holding them is running (it gives them back itself). */
        void releaseUnlessStarted() {
            if (state.compareAndSet(GRANTED, RELEASED)) {
                giveBack(bytes);
            }
        }

        void release() {
            if (state.getAndSet(RELEASED) != RELEASED) {
                giveBack(bytes);
            }
        }
    }
}
