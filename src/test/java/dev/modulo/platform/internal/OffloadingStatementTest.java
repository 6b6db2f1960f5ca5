package dev.modulo.platform.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * r2dbc-h2 does work when a value is bound (a String becomes a CLOB, which may read H2's file), so
 * binding must happen on the blocking scheduler too, not on the thread that builds the statement.
 */
class OffloadingStatementTest {

    @Test
    void bindingHappensOnTheBlockingSchedulerJustBeforeExecution() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "@" + Thread.currentThread().getName());
                    return method.getName().equals("execute") ? Flux.<Result>empty() : proxy;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> statement);
        ConnectionFactory factory = (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) -> Mono.just(connection));
        ConnectionWorkers h2 = new ConnectionWorkers("h2-test");
        try {
            OffloadingConnectionFactory offloading = new OffloadingConnectionFactory(factory, h2);
            Mono.from(offloading.create())
                    .flatMapMany(offloaded -> {
                        Statement built = offloaded.createStatement("INSERT INTO t VALUES ($1, $2)")
                                .bind(0, "a long text that H2 would store as a CLOB")
                                .bindNull(1, String.class);
                        assertThat(calls).as("nothing reaches the driver while the statement is built").isEmpty();
                        return built.execute();
                    })
                    .subscribeOn(Schedulers.parallel())
                    .blockLast();
        } finally {
            h2.dispose();
        }
        assertThat(calls).hasSize(3).allSatisfy(call -> assertThat(call).contains("@h2-test"));
        assertThat(calls).extracting(call -> call.substring(0, call.indexOf('@')))
                .containsExactly("bind", "bindNull", "execute");
    }
}
