package dev.modulo.platform.internal;

import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's log messages cost nothing at a level that is off, as its code expects. */
class LevelCheckingLogFactoryTest {

    @Test
    void commonsLoggingUsesItAndAMessageOfALevelThatIsOffIsNeverTurnedIntoText() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.modulo.quiet")).setLevel(Level.INFO);
        Log log = LogFactory.getLog("dev.modulo.quiet");
        AtomicInteger built = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                built.incrementAndGet();
                return "a message";
            }
        };

        log.trace(message);
        log.debug(message);
        log.debug(message, new IllegalStateException("not logged either"));
        assertThat(built).hasValue(0);
        assertThat(log.isDebugEnabled()).isFalse();

        log.info(message);
        log.warn(message);
        assertThat(built).hasValue(2);
        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
    }
}
