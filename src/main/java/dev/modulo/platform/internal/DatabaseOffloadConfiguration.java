package dev.modulo.platform.internal;

import java.util.Locale;

import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Moves all work of the embedded H2 driver onto the {@code h2-*} threads, in this one place: one
 * thread per open connection ({@link ConnectionWorkers}), so {@code spring.r2dbc.pool.max-size} is
 * also the number of H2 threads. The driver is wrapped before Boot puts the connection pool around
 * it, so every call the pool makes (opening, validating, closing connections) is offloaded too.
 * Non-blocking drivers (PostgreSQL) are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOffloadConfiguration {

    /** Names of the threads that run H2 start with this; tests assert on it. */
    static final String THREAD_PREFIX = "h2";

    private static final Logger log = LoggerFactory.getLogger(DatabaseOffloadConfiguration.class);

    @Bean(destroyMethod = "dispose")
    ConnectionWorkers embeddedDatabaseWorkers() {
        return new ConnectionWorkers(THREAD_PREFIX);
    }

    @Bean
    ConnectionFactoryDecorator offloadEmbeddedDatabase(ConnectionWorkers embeddedDatabaseWorkers) {
        return factory -> {
            if (!isBlocking(factory)) {
                return factory;
            }
            log.info("Running the {} driver on the '{}' threads", factory.getMetadata().getName(), THREAD_PREFIX);
            return new OffloadingConnectionFactory(factory, embeddedDatabaseWorkers);
        };
    }

    private static boolean isBlocking(ConnectionFactory factory) {
        return factory.getMetadata().getName().toUpperCase(Locale.ROOT).contains("H2");
    }
}
