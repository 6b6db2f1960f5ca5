package dev.modulo.platform;

import java.util.List;

import dev.modulo.testing.Migrations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** Counters of change per account and kind, on both engines, also when first changes race. */
class DataVersionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyChangeCountsOnceForItsAccountAndKind(String engine) {
        Migrations database = Migrations.empty(engine).migrateTo(null);
        database.account(1);
        database.account(2);
        DataVersions versions = new DataVersions(DatabaseClient.create(database.connectionFactory()));

        assertThat(versions.read(1, "calendar").block()).isZero();

        // Eight first changes at once: each counts, none fails on the row another one made.
        Flux.range(0, 8).flatMap(i -> versions.bump(1, "calendar")).blockLast();
        versions.bump(1, "blog-public").block();
        versions.bump(2, "calendar").block();

        assertThat(versions.read(1, "calendar").block()).isEqualTo(8);
        assertThat(versions.read(1, "blog-public").block()).isEqualTo(1);
        assertThat(versions.read(2, "calendar").block()).isEqualTo(1);
        assertThat(versions.read(2, "blog-public").block()).isZero();

        // An account's counters go with it.
        database.execute("DELETE FROM account WHERE id = 2");
        assertThat(database.rows("SELECT account_id, kind, version FROM data_version ORDER BY kind, account_id"))
                .isEqualTo(List.of("1 blog-public 1", "1 calendar 8"));
    }
}
