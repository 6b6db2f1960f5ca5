package dev.modulo.todo;

import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TodoViewQueryTest} on a real PostgreSQL server: its planner, its index scans. */
class TodoViewQueryOnPostgresTest extends TodoViewQueryTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
