package dev.modulo.platform;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A counting semaphore that never blocks a thread: {@link #acquire()} answers a {@code Mono} that
 * completes with a {@link Permit} once one is free, first come first served. At most
 * {@code maxWaiting} may wait; past that {@code acquire} fails at once with a
 * {@link RejectedExecutionException} (the web layer's 503 "busy"). A waiter that is cancelled
 * (a deadline, a client gone) leaves the line, and a permit granted to it as it left goes back.
 */
public final class Permits {

    private final int maxWaiting;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int available;

    public Permits(int permits, int maxWaiting) {
        if (permits < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("permits must be at least 1 and maxWaiting not negative");
        }
        this.available = permits;
        this.maxWaiting = maxWaiting;
    }

    /** A permit, now or when one is released; give it back with {@link Permit#release()}. */
    public Mono<Permit> acquire() {
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(sink);
            boolean grantNow = false;
            synchronized (this) {
                if (available > 0 && waiting.isEmpty()) {
                    available--;
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
                waiter.grant(new Permit(this));
            }
        });
    }

    /** How many wait for a permit now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void leave(Waiter waiter) {
        if (waiter.state.compareAndSet(Waiter.WAITING, Waiter.GONE)) {
            synchronized (this) {
                waiting.remove(waiter);
            }
        } else if (waiter.state.get() == Waiter.GRANTED) {
            // Granted as it was cancelled: the permit may never have reached anyone.
            waiter.permit.release();
        }
    }

    /** Hands a released permit to the first one still waiting, or makes it available. */
    private void handOff() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    available++;
                    return;
                }
            }
            if (next.state.get() == Waiter.WAITING) {
                next.grant(new Permit(this));
                return;
            }
        }
    }

    /** One permit; releasing it twice releases it once. */
    public static final class Permit {

        private final Permits owner;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Permits owner) {
            this.owner = owner;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                owner.handOff();
            }
        }
    }

    private static final class Waiter {

        static final int WAITING = 0;
        static final int GRANTED = 1;
        static final int GONE = 2;

        final MonoSink<Permit> sink;
        final AtomicInteger state = new AtomicInteger(WAITING);
        volatile Permit permit;

        Waiter(MonoSink<Permit> sink) {
            this.sink = sink;
        }

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
