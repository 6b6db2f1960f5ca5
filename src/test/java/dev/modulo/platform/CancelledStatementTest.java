package dev.modulo.platform;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.modulo.testing.ModuloIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

/**
 * A statement whose caller gives up (a deadline, a client gone) is cancelled, which interrupts the
 * connection's H2 thread: H2 must roll the statement back and go on working (an interrupted
 * FileChannel closes, and H2 must not take the whole database down with it).
 */
@ModuloIntegrationTest
class CancelledStatementTest {

    @Autowired
    DatabaseClient db;

    @Test
    void aStatementCancelledWhileItWritesLeavesTheDatabaseWorking() {
        StepVerifier.create(db.sql("CREATE TABLE IF NOT EXISTS cancel_probe (id BIGINT, text VARCHAR(2000))").then())
                .verifyComplete();
        for (int attempt = 0; attempt < 5; attempt++) {
            StepVerifier.create(db.sql("INSERT INTO cancel_probe SELECT X, REPEAT('x', 1000) FROM SYSTEM_RANGE(1, 300000)")
                            .fetch().rowsUpdated()
                            .timeout(Duration.ofMillis(50 + 40 * attempt)))
                    .expectError(TimeoutException.class)
                    .verify(Duration.ofMinutes(1));
        }
        StepVerifier.create(db.sql("SELECT COUNT(*) AS n FROM cancel_probe").map(row -> row.get("n", Long.class)).one())
                .as("each cancelled insert was rolled back whole, and the database still answers")
                .expectNext(0L)
                .verifyComplete();
    }
}
