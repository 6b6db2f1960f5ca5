package dev.modulo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Modulo: a personal information suite, reactive end to end. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ModuloApplication {

    public static void main(String[] args) {
        SpringApplication.run(ModuloApplication.class, args);
    }
}
