package dev.modulo.platform.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points R2DBC and Flyway at one H2 file under {@code modulo.data-dir}, unless
 * {@code spring.r2dbc.url} / {@code spring.flyway.url} are set (PostgreSQL, for instance).
 *
 * <p>Both URLs are built here from the same absolute path, so H2 sees one database: two spellings
 * of one path would open the file twice and fail on its lock.
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

    static final String FILE_NAME = "modulo";
    // PostgreSQL mode keeps the migrations portable; nulls sort last, as in PostgreSQL.
    // WRITE_DELAY=0: H2 writes each transaction to the file as it commits (by default it waits up to
    // 500 ms), so what a commit acknowledged (a post made by mail, answered 250) survives a crash of
    // the process. H2 does not fsync each commit: a power loss may still lose the last ones.
    static final String SETTINGS = "MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = Path.of(environment.getProperty("modulo.data-dir", "./data")).toAbsolutePath().normalize()
                .resolve(FILE_NAME);
        String path = file.toString().replace('\\', '/');
        Map<String, Object> defaults = new HashMap<>();
        if (!environment.containsProperty("spring.r2dbc.url")) {
            // r2dbc:h2:file://<host>/<database>: an empty host, then the absolute path.
            defaults.put("spring.r2dbc.url", "r2dbc:h2:file:///" + path + "?options=" + SETTINGS);
            defaults.put("spring.r2dbc.username", "sa");
            defaults.put("spring.r2dbc.password", "");
        }
        if (!environment.containsProperty("spring.flyway.url")) {
            defaults.put("spring.flyway.url", "jdbc:h2:file:" + path + ";" + SETTINGS);
            defaults.put("spring.flyway.user", "sa");
            defaults.put("spring.flyway.password", "");
        }
        environment.getPropertySources().addLast(new MapPropertySource("modulo-embedded-database", defaults));
    }
}
