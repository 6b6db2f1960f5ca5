package dev.modulo.platform.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link ConnectionFactory} that runs every call of a blocking driver on the connection's own
 * worker thread (see {@link ConnectionWorkers}) and hands the results back on the parallel scheduler.
 *
 * <p>r2dbc-h2 executes each statement synchronously on the thread that subscribes, and H2 reads
 * and writes its file with {@code FileChannel}. Without this wrapper a query subscribed on a Netty
 * or parallel thread would stall every other request served by that thread.
 */
final class OffloadingConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

    private final ConnectionFactory delegate;
    private final ConnectionWorkers workers;

    OffloadingConnectionFactory(ConnectionFactory delegate, ConnectionWorkers workers) {
        this.delegate = delegate;
        this.workers = workers;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.defer(() -> {
            Scheduler worker = workers.lend();
            AtomicBoolean returned = new AtomicBoolean();
            Runnable giveBack = () -> {
                if (returned.compareAndSet(false, true)) {
                    workers.giveBack(worker);
                }
            };
            Offload offload = new Offload(worker);
            return offload.mono(delegate::create)
                    .<Connection>map(connection -> new OffloadingConnection(connection, offload, giveBack))
                    .doOnError(failed -> giveBack.run())
                    .doOnCancel(giveBack);
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return delegate;
    }

    /** Subscribes on the connection's worker, emits on the parallel scheduler. */
    private record Offload(Scheduler blocking) {

        <T> Mono<T> mono(java.util.function.Supplier<? extends Publisher<T>> call) {
            return Mono.defer(() -> Mono.from(call.get())).subscribeOn(blocking).publishOn(Schedulers.parallel());
        }

        <T> Flux<T> flux(java.util.function.Supplier<? extends Publisher<T>> call) {
            return Flux.defer(call).subscribeOn(blocking).publishOn(Schedulers.parallel());
        }
    }

    /** A connection whose every call runs on its own worker, which it gives back once closed. */
    private record OffloadingConnection(Connection delegate, Offload offload, Runnable giveBack)
            implements Connection, Wrapped<Connection> {

        @Override
        public Publisher<Void> beginTransaction() {
            return offload.mono(delegate::beginTransaction);
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return offload.mono(() -> delegate.beginTransaction(definition));
        }

        @Override
        public Publisher<Void> close() {
            return offload.mono(delegate::close).doFinally(signal -> giveBack.run());
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return offload.mono(delegate::commitTransaction);
        }

        @Override
        public Batch createBatch() {
            return new OffloadingBatch(delegate.createBatch(), offload);
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return offload.mono(() -> delegate.createSavepoint(name));
        }

        @Override
        public Statement createStatement(String sql) {
            return new OffloadingStatement(delegate.createStatement(sql), offload);
        }

        @Override
        public boolean isAutoCommit() {
            return delegate.isAutoCommit();
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return delegate.getMetadata();
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return delegate.getTransactionIsolationLevel();
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return offload.mono(() -> delegate.releaseSavepoint(name));
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return offload.mono(delegate::rollbackTransaction);
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return offload.mono(() -> delegate.rollbackTransactionToSavepoint(name));
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return offload.mono(() -> delegate.setAutoCommit(autoCommit));
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return offload.mono(() -> delegate.setLockWaitTimeout(timeout));
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return offload.mono(() -> delegate.setStatementTimeout(timeout));
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
            return offload.mono(() -> delegate.setTransactionIsolationLevel(level));
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return offload.mono(() -> delegate.validate(depth));
        }

        @Override
        public Connection unwrap() {
            return delegate;
        }
    }

    /**
     * Binding is deferred, not just execution: r2dbc-h2 encodes a String as a CLOB when it is
     * bound, and creating that LOB can read H2's file. So every call is recorded here and replayed
     * on the connection's worker just before the statement runs.
     */
    private static final class OffloadingStatement implements Statement, Wrapped<Statement> {

        private final Statement delegate;
        private final Offload offload;
        private final List<Consumer<Statement>> calls = new ArrayList<>();

        OffloadingStatement(Statement delegate, Offload offload) {
            this.delegate = delegate;
            this.offload = offload;
        }

        @Override
        public Statement add() {
            calls.add(Statement::add);
            return this;
        }

        @Override
        public Statement bind(int index, Object value) {
            calls.add(statement -> statement.bind(index, value));
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            calls.add(statement -> statement.bind(name, value));
            return this;
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            calls.add(statement -> statement.bindNull(index, type));
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            calls.add(statement -> statement.bindNull(name, type));
            return this;
        }

        @Override
        public Statement returnGeneratedValues(String... columns) {
            calls.add(statement -> statement.returnGeneratedValues(columns));
            return this;
        }

        @Override
        public Statement fetchSize(int rows) {
            calls.add(statement -> statement.fetchSize(rows));
            return this;
        }

        @Override
        public Publisher<? extends Result> execute() {
            List<Consumer<Statement>> recorded = List.copyOf(calls);
            return offload.flux(() -> {
                recorded.forEach(call -> call.accept(delegate));
                return delegate.execute();
            }).map(result -> new OffloadingResult(result, offload));
        }

        @Override
        public Statement unwrap() {
            return delegate;
        }
    }

    private record OffloadingBatch(Batch delegate, Offload offload) implements Batch {

        @Override
        public Batch add(String sql) {
            delegate.add(sql);
            return this;
        }

        @Override
        public Publisher<? extends Result> execute() {
            return offload.flux(delegate::execute).map(result -> new OffloadingResult(result, offload));
        }
    }

    private record OffloadingResult(Result delegate, Offload offload) implements Result, Wrapped<Result> {

        @Override
        public Publisher<Long> getRowsUpdated() {
            return offload.flux(delegate::getRowsUpdated);
        }

        @Override
        public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
            return offload.flux(() -> delegate.map(mapping));
        }

        @Override
        public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
            return offload.flux(() -> delegate.map(mapping));
        }

        @Override
        public Result filter(Predicate<Segment> filter) {
            return new OffloadingResult(delegate.filter(filter), offload);
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
            return offload.flux(() -> delegate.flatMap(mapping));
        }

        @Override
        public Result unwrap() {
            return delegate;
        }
    }
}
