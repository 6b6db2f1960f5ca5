package dev.modulo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Modulo: a personal information suite, reactive end to end. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ModuloApplication {

    /**
     * The JDK's default SecureRandom on Linux (NativePRNG) reads /dev/urandom every few calls: file
     * I/O on the event loop for each session id and CSRF token. With the source spelled this way the
     * default becomes DRBG, seeded once at start-up (see EntropyWarmup) and pure computation after.
     */
    static final String ENTROPY_SOURCE = "file:/dev/./urandom";

    public static void main(String[] args) {
        if (System.getProperty("java.security.egd") == null) {
            System.setProperty("java.security.egd", ENTROPY_SOURCE);
        }
        SpringApplication.run(ModuloApplication.class, args);
    }
}
