package dev.modulo.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.modulo.testing.Migrations;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Units that arrive while a commit is under way share the next one; each hears of its result after
 * that commit; a failing unit costs the others none of their writes.
 */
class GroupCommitTest {

    /** The transactions of a real database, counting the commits. */
    static final class CountingTransactions implements ReactiveTransactionManager {

        final ReactiveTransactionManager delegate;
        final AtomicInteger commits = new AtomicInteger();

        CountingTransactions(ReactiveTransactionManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<ReactiveTransaction> getReactiveTransaction(TransactionDefinition definition) {
            return delegate.getReactiveTransaction(definition);
        }

        @Override
        public Mono<Void> commit(ReactiveTransaction transaction) {
            return delegate.commit(transaction).doOnSuccess(done -> commits.incrementAndGet());
        }

        @Override
        public Mono<Void> rollback(ReactiveTransaction transaction) {
            return delegate.rollback(transaction);
        }
    }

    Migrations database;
    DatabaseClient db;
    CountingTransactions transactions;
    GroupCommit group;

    void open(String engine) {
        database = Migrations.empty(engine);
        database.execute("CREATE TABLE unit_row (id INT PRIMARY KEY)");
        ConnectionFactory connections = database.connectionFactory();
        db = DatabaseClient.create(connections);
        transactions = new CountingTransactions(new R2dbcTransactionManager(connections));
        group = new GroupCommit(TransactionalOperator.create(transactions), 32);
    }

    Mono<Integer> insert(int id) {
        return db.sql("INSERT INTO unit_row (id) VALUES (:id)").bind("id", id).then().thenReturn(id);
    }

    // On PostgreSQL, whose driver does not block: the units arrive on timer threads, where the H2
    // driver's own statements would block (the application runs them on its H2 threads; the mail-in
    // tests go through those).
    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void unitsThatArriveDuringACommitShareTheNextAndHearOfItOnlyAfterIt(String engine) {
        open(engine);
        AtomicBoolean[] committed = new AtomicBoolean[10];
        for (int i = 0; i < committed.length; i++) {
            committed[i] = new AtomicBoolean();
        }
        // The first unit takes a while, so the other nine arrive while it is under way.
        List<Boolean> heardAfterCommit = Flux.range(0, 10)
                .flatMap(i -> group.run(insert(i)
                                .flatMap(id -> afterCommit(() -> committed[id].set(true)).thenReturn(id))
                                .delayElement(i == 0 ? Duration.ofMillis(300) : Duration.ZERO))
                        .map(id -> committed[id].get()))
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(heardAfterCommit).hasSize(10).containsOnly(true);
        assertThat(database.rows("SELECT COUNT(*) FROM unit_row")).containsExactly("10");
        assertThat(transactions.commits.get()).as("the first alone, the nine that waited together").isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void aFailingUnitGetsItsErrorAndTheOthersOfItsGroupStillCommit(String engine) {
        open(engine);
        database.execute("INSERT INTO unit_row (id) VALUES (3)");

        List<String> outcomes = Flux.range(0, 5)
                .flatMap(i -> group.run(insert(i).delayElement(i == 0 ? Duration.ofMillis(300) : Duration.ZERO))
                        .map(id -> "stored " + id)
                        .onErrorResume(DataIntegrityViolationException.class, duplicate -> Mono.just("refused " + i)))
                .collectSortedList()
                .block(Duration.ofSeconds(30));

        assertThat(outcomes).containsExactly("refused 3", "stored 0", "stored 1", "stored 2", "stored 4");
        assertThat(database.rows("SELECT id FROM unit_row ORDER BY id")).containsExactly("0", "1", "2", "3", "4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void aUnitWithNoValueCompletesEmptyAfterItsCommit(String engine) {
        open(engine);
        assertThat(group.run(insert(7).then()).hasElement().block(Duration.ofSeconds(10))).isFalse();
        assertThat(database.rows("SELECT id FROM unit_row")).containsExactly("7");
    }

    private static Mono<Void> afterCommit(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(manager -> manager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(action);
                    }
                }))
                .then();
    }
}
