package dev.modulo.platform;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A weighted semaphore that never blocks a thread: {@link #acquire(long)} answers a {@code Mono}
 * that completes with a {@link Permit} for that amount once it is free. Strictly first come first
 * served: a small request never overtakes a large one waiting before it, so the large one is not
 * passed over for ever; one asking more than the whole capacity waits until it is alone.
 *
 * <p>At most {@code maxWaiting} may wait; past that {@code acquire} fails at once with a
 * {@link RejectedExecutionException} (the web layer's 503 "busy"). A waiter that is cancelled (a
 * deadline, a client gone) leaves the line, and a permit granted to it as it left goes back, so a
 * {@code .timeout(…)} on the acquisition never loses capacity.
 */
public final class Permits {

    private final long capacity;
    private final int maxWaiting;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long available;

    public Permits(long capacity, int maxWaiting) {
        if (capacity < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("capacity must be at least 1 and maxWaiting not negative");
        }
        this.capacity = capacity;
        this.available = capacity;
        this.maxWaiting = maxWaiting;
    }

    /** One unit, now or when one is released; give it back with {@link Permit#release()}. */
    public Mono<Permit> acquire() {
        return acquire(1);
    }

    /** {@code amount} units (at most the whole capacity), now or when released; given back together. */
    public Mono<Permit> acquire(long amount) {
        long wanted = Math.min(Math.max(amount, 1), capacity);
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(wanted, sink);
            boolean grantNow = false;
            synchronized (this) {
                if (waiting.isEmpty() && available >= wanted) {
                    available -= wanted;
                    grantNow = true;
                } else if (waiting.size() >= maxWaiting) {
                    sink.error(new RejectedExecutionException("More than " + maxWaiting + " waiting for a permit"));
                    return;
                } else {
                    waiting.addLast(waiter);
                }
            }
            sink.onCancel(() -> leave(waiter));
            if (grantNow) {
                waiter.grant(new Permit(this, wanted));
            }
        });
    }

    public long capacity() {
        return capacity;
    }

    /** How many wait now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Units granted and not yet released. */
    public synchronized long inUse() {
        return capacity - available;
    }

    private void leave(Waiter waiter) {
        if (waiter.state.compareAndSet(Waiter.WAITING, Waiter.GONE)) {
            synchronized (this) {
                waiting.remove(waiter);
            }
            // Its leaving may let the ones behind it through.
            giveBack(0);
        } else if (waiter.state.get() == Waiter.GRANTED) {
            // Granted as it was cancelled: the permit may never have reached anyone.
            waiter.permit.release();
        }
    }

    /** Takes {@code amount} back and serves, in order, the waiters that now fit. */
    private void giveBack(long amount) {
        while (true) {
            Waiter next;
            synchronized (this) {
                available += amount;
                amount = 0;
                next = waiting.peekFirst();
                if (next == null || next.amount > available) {
                    return;
                }
                waiting.pollFirst();
                available -= next.amount;
            }
            // Outside the lock: the waiter's chain goes on in this call.
            next.grant(new Permit(this, next.amount));
        }
    }

    /** Units held together; releasing twice releases once. */
    public static final class Permit {

        private final Permits owner;
        private final long amount;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Permits owner, long amount) {
            this.owner = owner;
            this.amount = amount;
        }

        public long amount() {
            return amount;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                owner.giveBack(amount);
            }
        }
    }

    private static final class Waiter {

        static final int WAITING = 0;
        static final int GRANTED = 1;
        static final int GONE = 2;

        final long amount;
        final MonoSink<Permit> sink;
        final AtomicInteger state = new AtomicInteger(WAITING);
        volatile Permit permit;

        Waiter(long amount, MonoSink<Permit> sink) {
            this.amount = amount;
            this.sink = sink;
        }

        /** Hands over the permit, or gives it straight back when the waiter has already gone. */
        void grant(Permit granted) {
            permit = granted;
            if (state.compareAndSet(WAITING, GRANTED)) {
                sink.success(granted);
            } else {
                granted.release();
            }
        }
    }
}
