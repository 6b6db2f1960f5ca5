package dev.modulo.platform.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.function.BiFunction;

import dev.modulo.testing.Migrations;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.r2dbc.convert.MappingR2dbcConverter;
import org.springframework.data.r2dbc.convert.R2dbcCustomConversions;
import org.springframework.data.r2dbc.dialect.DialectResolver;
import org.springframework.data.r2dbc.mapping.R2dbcMappingContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast row reader must read every kind of column the entities have exactly as Spring Data's
 * generic mapping does, on both engines: values, nulls, and columns a query did not select.
 */
class RecordRowReaderTest {

    record Probe(Long id, long accountId, int position, boolean done, String title, Instant createdAt,
            LocalDate dueDate, LocalTime dueTime, Double latitude, byte[] rawBytes) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void readsRowsAsSpringDataDoes(String engine) {
        Migrations database = Migrations.empty(engine);
        boolean h2 = "h2".equals(engine);
        database.execute("""
                CREATE TABLE probe (id BIGINT PRIMARY KEY, account_id BIGINT, position INT, done BOOLEAN,
                    title VARCHAR(100), created_at TIMESTAMP WITH TIME ZONE, due_date DATE, due_time TIME,
                    latitude DOUBLE PRECISION, raw_bytes %s)""".formatted(h2 ? "VARBINARY(100)" : "BYTEA"),
                """
                INSERT INTO probe VALUES (1, 42, 7, TRUE, 'Grüße', TIMESTAMP WITH TIME ZONE '2026-03-29 01:30:00.123456+00',
                    DATE '2026-02-28', TIME '23:59:58', 52.52, %s)""".formatted(h2 ? "X'00ff10'" : "'\\x00ff10'"),
                "INSERT INTO probe (id, account_id, position, done) VALUES (2, 43, 0, FALSE)");
        DatabaseClient db = DatabaseClient.create(database.connectionFactory());
        RecordRowReader reader = new RecordRowReader(Probe.class);
        MappingR2dbcConverter spring = new MappingR2dbcConverter(new R2dbcMappingContext(),
                R2dbcCustomConversions.of(DialectResolver.getDialect(database.connectionFactory())));

        List<Probe> fast = read(db, "SELECT * FROM probe ORDER BY id", (row, meta) -> (Probe) reader.read(row));
        List<Probe> generic = read(db, "SELECT * FROM probe ORDER BY id", (row, meta) -> spring.read(Probe.class, row, meta));

        assertThat(fast).usingRecursiveFieldByFieldElementComparator().isEqualTo(generic);
        assertThat(fast.get(0).title()).isEqualTo("Grüße");
        assertThat(fast.get(0).createdAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00.123456Z"));
        assertThat(fast.get(0).rawBytes()).containsExactly(0x00, 0xff, 0x10);
        assertThat(fast.get(1)).usingRecursiveComparison()
                .isEqualTo(new Probe(2L, 43, 0, false, null, null, null, null, null, null));

        Probe partial = read(db, "SELECT id, account_id, position, done, title FROM probe WHERE id = 1",
                (row, meta) -> (Probe) reader.read(row)).get(0);
        assertThat(partial).as("columns the query left out read as null")
                .usingRecursiveComparison().isEqualTo(new Probe(1L, 42, 7, true, "Grüße", null, null, null, null, null));
        assertThatThrownBy(() -> read(db, "SELECT id FROM probe", (row, meta) -> (Probe) reader.read(row)))
                .as("a primitive cannot be null").hasMessageContaining("account_id");
    }

    private static List<Probe> read(DatabaseClient db, String sql, BiFunction<Row, RowMetadata, Probe> mapping) {
        return db.sql(sql).map(mapping).all().collectList().block();
    }
}
