package dev.modulo.platform;

import java.util.concurrent.atomic.AtomicReference;

import dev.modulo.testing.ModuloIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** H2 statements run on the 'h2' threads, whoever subscribes, and results come back off them. */
@ModuloIntegrationTest
class EmbeddedDatabaseOffloadTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @BeforeEach
    void createProbe() {
        StepVerifier.create(db.sql("CREATE ALIAS IF NOT EXISTS THREAD_NAME FOR '"
                        + ThreadProbe.class.getName() + ".currentThreadName'").then())
                .verifyComplete();
    }

    @Test
    void statementsSubscribedOnAParallelThreadRunOnTheH2Scheduler() {
        AtomicReference<String> emittedOn = new AtomicReference<>();
        Mono<String> ranOn = Mono.defer(this::threadThatRanTheStatement)
                .doOnNext(ignored -> emittedOn.set(Thread.currentThread().getName()))
                .subscribeOn(Schedulers.parallel());

        StepVerifier.create(ranOn)
                .assertNext(thread -> assertThat(thread).startsWith("h2-"))
                .verifyComplete();
        assertThat(emittedOn.get()).startsWith("parallel-");
    }

    @Test
    void statementsInATransactionRunOnTheH2Scheduler() {
        Mono<String> ranOn = transactions.transactional(Mono.defer(this::threadThatRanTheStatement))
                .subscribeOn(Schedulers.parallel());

        StepVerifier.create(ranOn)
                .assertNext(thread -> assertThat(thread).startsWith("h2-"))
                .verifyComplete();
    }

    private Mono<String> threadThatRanTheStatement() {
        return db.sql("SELECT THREAD_NAME() AS thread").map(row -> row.get("thread", String.class)).one();
    }
}
