package dev.modulo.platform;

import java.time.Duration;
import java.util.List;

import dev.modulo.testing.ModuloIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The head-of-line probe: H2 waits for a row lock on the calling thread. When more statements wait
 * for a row than there are database threads, the transaction holding that row must still get a
 * thread for its COMMIT; otherwise the waiters time out on H2's lock timeout (2 s) and the commit
 * comes after them. Hot rows make this real: the account row (storage quota) during uploads and
 * mail-in, spam totals, to-do positions.
 */
@ModuloIntegrationTest
class RowLockWaitersTest {

    /** More than the four shared threads H2 once ran on; fewer than the pool's ten connections. */
    private static final int WAITERS = 6;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @BeforeEach
    void oneHotRow() {
        StepVerifier.create(db.sql("CREATE TABLE IF NOT EXISTS lock_probe (id INT PRIMARY KEY, n INT NOT NULL)").then()
                        .then(db.sql("DELETE FROM lock_probe").then())
                        .then(db.sql("INSERT INTO lock_probe (id, n) VALUES (1, 0)").then()))
                .verifyComplete();
    }

    @Test
    void theHolderOfARowCommitsWhileMoreStatementsWaitForItThanThereAreCores() {
        Sinks.Empty<Void> locked = Sinks.empty();
        Mono<Void> holder = transactions.transactional(increment()
                .doOnSuccess(updated -> locked.tryEmitEmpty())
                // The waiters line up for the row meanwhile.
                .then(Mono.delay(Duration.ofMillis(400)))
                .then());
        Mono<List<Long>> waiters = locked.asMono()
                .thenMany(Flux.range(0, WAITERS).flatMap(waiter -> increment(), WAITERS))
                .collectList();

        StepVerifier.create(Mono.zip(holder.thenReturn(true), waiters).map(both -> both.getT2()))
                .assertNext(updated -> assertThat(updated).as("every waiter updated the row, none timed out")
                        .hasSize(WAITERS).containsOnly(1L))
                .verifyComplete();
        StepVerifier.create(db.sql("SELECT n FROM lock_probe WHERE id = 1").map(row -> row.get("n", Integer.class)).one())
                .expectNext(1 + WAITERS)
                .verifyComplete();
    }

    private Mono<Long> increment() {
        return db.sql("UPDATE lock_probe SET n = n + 1 WHERE id = 1").fetch().rowsUpdated();
    }
}
