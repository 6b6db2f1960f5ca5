package dev.modulo.todo;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface TodoLists extends ReactiveCrudRepository<TodoList, Long> {

    Mono<TodoList> findByIdAndAccountId(long id, long accountId);

    Flux<TodoList> findByAccountIdOrderByPositionAscIdAsc(long accountId);
}
