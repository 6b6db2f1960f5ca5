package dev.modulo.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lost updates made to happen every time, not once in a thousand runs: "load, load, save A, save B"
 * on one row. This test's own transaction saves A (an UPDATE, not yet committed, so it holds the
 * row's lock); meanwhile the application's request loads the row (it sees the row without A) and
 * reaches its own write, where it waits for the lock; only then does A commit, and B's write goes
 * on. Saving whole the copy B loaded would undo A; a targeted update or a version check does not.
 */
public final class Interleaving {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Interleaving() {
    }

    /**
     * Runs {@code request} (on a thread of its own) while {@code saveA} (one UPDATE statement) is
     * held uncommitted; commits A once the request waits for A's lock (or has finished without
     * waiting), and answers what the request answered.
     */
    public static <T> T saveAWhile(ConnectionFactory database, String saveA, Supplier<T> request) {
        Connection holder = Mono.from(database.create()).block();
        Connection watcher = Mono.from(database.create()).block();
        try {
            Mono.from(holder.beginTransaction()).block();
            Long changed = Flux.from(holder.createStatement(saveA).execute())
                    .flatMap(result -> Mono.from(result.getRowsUpdated()))
                    .reduce(0L, Long::sum)
                    .block();
            if (changed == null || changed == 0) {
                throw new IllegalStateException("Save A changed nothing: " + saveA);
            }
            CompletableFuture<T> saveB = CompletableFuture.supplyAsync(request);
            String waiting = "H2".equalsIgnoreCase(database.getMetadata().getName())
                    ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                    : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
            Instant giveUp = Instant.now().plus(PATIENCE);
            while (!saveB.isDone() && count(watcher, waiting) == 0) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("The request neither waited for save A nor finished");
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            Mono.from(holder.commitTransaction()).block();
            return saveB.join();
        } finally {
            Mono.from(holder.close()).onErrorResume(closing -> Mono.empty()).block();
            Mono.from(watcher.close()).onErrorResume(closing -> Mono.empty()).block();
        }
    }

    private static long count(Connection connection, String sql) {
        Number count = Flux.from(connection.createStatement(sql).execute())
                .flatMap(result -> result.map((row, metadata) -> (Number) row.get(0)))
                .blockFirst();
        return count == null ? 0 : count.longValue();
    }
}
