package dev.modulo.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.modulo.testing.TestBrowser;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests are admitted a few at a time; the others wait their turn or, past the line's length,
 * are told at once that Modulo is busy. Static files are served whatever the line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modulo.web.admission.max-concurrent=1",
        "modulo.web.admission.max-waiting=0",
        "spring.r2dbc.pool.max-size=1",
        "spring.r2dbc.pool.initial-size=1",
        "spring.r2dbc.pool.max-acquire-time=20s"})
@AutoConfigureWebTestClient(timeout = "30s")
class RequestAdmissionTest {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    ConnectionFactory connections;

    @Test
    void pastTheRequestsAdmittedAndWaitingAPageIsBusyButStaticFilesAreServed() throws Exception {
        Sinks.Empty<Void> holding = Sinks.empty();
        Sinks.Empty<Void> release = Sinks.empty();
        Disposable holder = transactions.transactional(db.sql("SELECT 1").then()
                        .doOnSuccess(ignored -> holding.tryEmitEmpty())
                        .then(release.asMono()))
                .subscribe();
        CompletableFuture<Page> admitted;
        try {
            holding.asMono().block(Duration.ofSeconds(10));
            // Admitted, then waits for the database connection held above.
            WebTestClient patient = client.mutate().responseTimeout(Duration.ofMinutes(1)).build();
            admitted = CompletableFuture.supplyAsync(() -> new TestBrowser(patient).get("/@first-in-line"));
            awaitOneWaitingForAConnection();

            Page turnedAway = new TestBrowser(client).get("/@second-in-line");
            Page stylesheet = new TestBrowser(client).get("/css/modulo.css");

            assertThat(turnedAway.status()).isEqualTo(503);
            assertThat(turnedAway.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(turnedAway.body()).contains("Modulo is busy right now");
            assertThat(stylesheet.status()).isEqualTo(200);
            assertThat(admitted).isNotDone();
        } finally {
            release.tryEmitEmpty();
            holder.dispose();
        }
        assertThat(admitted.get().status()).as("the admitted request finishes once the database is free").isEqualTo(404);
        assertThat(new TestBrowser(client).get("/@third-in-line").status()).isEqualTo(404);
    }

    private void awaitOneWaitingForAConnection() throws InterruptedException {
        PoolMetrics pool = ((ConnectionPool) connections).getMetrics().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (pool.pendingAcquireSize() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.pendingAcquireSize()).as("the first request waits for the connection").isEqualTo(1);
    }
}
