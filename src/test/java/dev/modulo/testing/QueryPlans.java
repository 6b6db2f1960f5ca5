package dev.modulo.testing;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.r2dbc.spi.Connection;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How the database would run a query: H2's {@code EXPLAIN} names the index it reads in a comment
 * ({@code /* PUBLIC.SOME_IDX: ... *}{@code /}); PostgreSQL's plan says {@code Index Scan using some_idx}.
 * On PostgreSQL sequential scans are switched off for the one statement, as on a table large enough
 * for an index to pay, so the plan shows whether an index can serve the query at all.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The plan of {@code sql}, with {@code :name} parameters replaced by the SQL literals given. */
    public static String explain(DatabaseClient db, String sql, Map<String, String> literals) {
        String plain = sql;
        // Longest names first, so :from is not replaced inside :fromInstant.
        for (String name : literals.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            plain = plain.replace(":" + name, literals.get(name));
        }
        String statement = plain;
        return db.inConnection(connection -> isPostgres(connection)
                        ? run(connection, "SET enable_seqscan = off").then(plan(connection, statement))
                                .flatMap(plan -> run(connection, "RESET enable_seqscan").thenReturn(plan))
                        : plan(connection, statement))
                .block(Duration.ofSeconds(30));
    }

    /** The SQL of a repository method's {@code @Query}. */
    public static String queryOf(Class<?> repository, String method) {
        Method found = Arrays.stream(repository.getDeclaredMethods()).filter(m -> m.getName().equals(method))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No method " + method));
        return found.getAnnotation(Query.class).value();
    }

    /** Whether the application's database is PostgreSQL. */
    public static boolean isPostgres(DatabaseClient db) {
        return Boolean.TRUE.equals(db.inConnection(connection -> Mono.just(isPostgres(connection)))
                .block(Duration.ofSeconds(30)));
    }

    private static boolean isPostgres(Connection connection) {
        return connection.getMetadata().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    private static Mono<Void> run(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute()).flatMap(result -> result.getRowsUpdated()).then();
    }

    private static Mono<String> plan(Connection connection, String sql) {
        return Flux.from(connection.createStatement("EXPLAIN " + sql).execute())
                .flatMap(result -> result.map((row, meta) -> String.valueOf(row.get(0))))
                .collect(Collectors.joining("\n"));
    }
}
