package dev.modulo.platform.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.r2dbc.convert.R2dbcCustomConversions;
import org.springframework.data.r2dbc.dialect.DialectResolver;
import org.springframework.data.r2dbc.dialect.R2dbcDialect;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Spring Data's conversions as Boot makes them, plus a {@link RecordRowReader} for every entity
 * record Boot found (the {@code @Table} classes), so rows become entities without the generic
 * mapping. Writing is left to Spring Data.
 */
@Configuration(proxyBeanMethods = false)
class EntityReadingConfiguration {

    @Bean
    R2dbcCustomConversions r2dbcCustomConversions(DatabaseClient databaseClient, RelationalManagedTypes entities) {
        R2dbcDialect dialect = DialectResolver.getDialect(databaseClient.getConnectionFactory());
        List<Object> converters = new ArrayList<>(dialect.getConverters());
        converters.addAll(R2dbcCustomConversions.STORE_CONVERTERS);
        List<Object> readers = new ArrayList<>();
        entities.forEach(type -> {
            if (type.isRecord()) {
                readers.add(new RecordRowReader(type.asSubclass(Record.class)));
            }
        });
        return new R2dbcCustomConversions(
                R2dbcCustomConversions.StoreConversions.of(dialect.getSimpleTypeHolder(), converters), readers);
    }
}
