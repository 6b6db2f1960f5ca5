package dev.modulo.platform.internal;

import java.security.SecureRandom;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Seeds the JVM's random generators at start-up, on the main thread, so that the first session id
 * or CSRF token of the first request does not read the entropy source on the event loop.
 */
@Component
class EntropyWarmup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EntropyWarmup.class);

    @Override
    public void afterSingletonsInstantiated() {
        SecureRandom random = new SecureRandom();
        random.nextBytes(new byte[32]);
        UUID.randomUUID();
        log.debug("Default SecureRandom is {}", random.getAlgorithm());
        if (!"DRBG".equals(random.getAlgorithm())) {
            log.warn("The default SecureRandom is {}, which may read {} on request threads; start the JVM "
                    + "with -Djava.security.egd=file:/dev/./urandom", random.getAlgorithm(), "/dev/urandom");
        }
    }
}
