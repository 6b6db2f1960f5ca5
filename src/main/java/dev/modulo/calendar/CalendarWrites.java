package dev.modulo.calendar;

import dev.modulo.platform.DataVersions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The one way events are written: each write in one transaction with its calendar's counter of
 * change ({@link DataVersions}, kind {@link CalendarService#VERSION_KIND}), which it bumps first, so
 * kept views and feed versions follow it the moment it commits, on every instance.
 */
@Component
class CalendarWrites {

    private final DataVersions versions;
    private final TransactionalOperator transactions;

    CalendarWrites(DataVersions versions, TransactionalOperator transactions) {
        this.versions = versions;
        this.transactions = transactions;
    }

    <T> Mono<T> changing(long accountId, Mono<T> write) {
        return transactions.transactional(versions.bump(accountId, CalendarService.VERSION_KIND).then(write));
    }
}
