package dev.modulo.platform.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One single-threaded worker per open connection of a blocking driver (connection↔thread
 * affinity), lent when the connection opens and given back when it closes.
 *
 * <p>Why not a shared pool of threads: H2 waits for a row lock on the calling thread. With N shared
 * threads, N statements waiting for a row can occupy them all while the transaction holding that
 * row queues its COMMIT behind them, so the waiters time out and the commit comes late. With a
 * worker per connection the lock holder always has its own thread free. The connection pool's size
 * is therefore the only setting: there are as many workers as connections, never more.
 */
final class ConnectionWorkers implements Disposable {

    private final String prefix;
    private final AtomicInteger created = new AtomicInteger();
    private final ConcurrentLinkedDeque<Scheduler> idle = new ConcurrentLinkedDeque<>();
    private final List<Scheduler> all = new ArrayList<>();
    private volatile boolean disposed;

    ConnectionWorkers(String prefix) {
        this.prefix = prefix;
    }

    /** A worker no open connection uses: an idle one again, or a new one. */
    Scheduler lend() {
        Scheduler worker = idle.pollFirst();
        if (worker != null) {
            return worker;
        }
        String name = prefix + "-" + created.incrementAndGet();
        // Not Schedulers.newSingle: its thread is marked non-blocking, and this one exists to block.
        // A scheduled executor, because handing it work takes its queue's lock, which BlockHound allows
        // for ScheduledThreadPoolExecutor's queue (Reactor's own schedulers use it) but not for others.
        Scheduler fresh = Schedulers.fromExecutorService(Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }), name);
        synchronized (all) {
            all.add(fresh);
        }
        return fresh;
    }

    /** The worker's connection has closed: another connection may have it. */
    void giveBack(Scheduler worker) {
        // Once disposed, every worker is already shut down (by dispose, on the thread that closes the
        // application): shutting it down here could wait for its lock on a non-blocking thread.
        if (!disposed) {
            idle.addFirst(worker);
        }
    }

    /** How many workers exist (the most connections that were open at once). */
    int size() {
        return created.get();
    }

    @Override
    public void dispose() {
        disposed = true;
        synchronized (all) {
            all.forEach(Scheduler::dispose);
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
