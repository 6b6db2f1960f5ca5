package dev.modulo.web;

import java.time.Duration;

import dev.modulo.testing.TestBrowser;
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
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting has a deadline: when no database connection comes free in time, a page answers 503
 * "busy" with Retry-After at once, instead of hanging or failing with a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.r2dbc.pool.max-size=1",
        "spring.r2dbc.pool.initial-size=1",
        "spring.r2dbc.pool.max-acquire-time=300ms"})
@AutoConfigureWebTestClient(timeout = "30s")
class DeadlinesTest {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void aPageThatCannotGetAConnectionInTimeIsABusy503WithRetryAfter() {
        Sinks.Empty<Void> holding = Sinks.empty();
        Sinks.Empty<Void> release = Sinks.empty();
        // Takes the only connection and keeps it until released.
        Disposable holder = transactions.transactional(db.sql("SELECT 1").then()
                        .doOnSuccess(ignored -> holding.tryEmitEmpty())
                        .then(release.asMono()))
                .subscribe();
        try {
            holding.asMono().block(Duration.ofSeconds(10));

            Page busy = new TestBrowser(client).get("/@someone");

            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(busy.body()).contains("Modulo is busy right now", "try again in a few seconds")
                    .doesNotContain("Exception", "at dev.modulo");
        } finally {
            release.tryEmitEmpty();
            holder.dispose();
        }

        Mono.delay(Duration.ofMillis(100)).block();
        assertThat(new TestBrowser(client).get("/@someone").status()).as("served again once free").isEqualTo(404);
    }
}
