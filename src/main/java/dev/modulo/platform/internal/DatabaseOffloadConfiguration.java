package dev.modulo.platform.internal;

import java.util.Locale;

import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Moves all work of the embedded H2 driver onto the {@code h2-*} threads, in this one place.
 * Non-blocking drivers (PostgreSQL) are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOffloadConfiguration {

    /** Names of the threads that run H2 start with this; tests assert on it. */
    static final String THREAD_PREFIX = "h2";

    @Bean
    static EmbeddedDatabaseOffload embeddedDatabaseOffload() {
        return new EmbeddedDatabaseOffload();
    }

    static final class EmbeddedDatabaseOffload implements BeanPostProcessor, DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseOffload.class);

        // H2 serialises writes anyway; a few threads suffice, and a long queue absorbs bursts.
        private final Scheduler scheduler = Schedulers.newBoundedElastic(4, 100_000, THREAD_PREFIX, 60, true);

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof ConnectionFactory factory && isBlocking(factory)) {
                log.info("Running the {} driver on the '{}' threads", factory.getMetadata().getName(), THREAD_PREFIX);
                return new OffloadingConnectionFactory(factory, scheduler);
            }
            return bean;
        }

        private static boolean isBlocking(ConnectionFactory factory) {
            return factory.getMetadata().getName().toUpperCase(Locale.ROOT).contains("H2");
        }

        @Override
        public void destroy() {
            scheduler.dispose();
        }
    }
}
