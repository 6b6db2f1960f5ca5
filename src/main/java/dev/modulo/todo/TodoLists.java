package dev.modulo.todo;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface TodoLists extends ReactiveCrudRepository<TodoList, Long> {

    Mono<TodoList> findByIdAndAccountId(long id, long accountId);

    Flux<TodoList> findByAccountIdOrderByPositionAscIdAsc(long accountId);

    @Modifying
    @Query("UPDATE todo_list SET position = :position WHERE id = :id AND account_id = :accountId")
    Mono<Integer> updatePosition(long id, long accountId, int position);

    /** Renames the list if it is still at the version the form was shown with; 0: changed elsewhere. */
    @Modifying
    @Query("""
            UPDATE todo_list SET name = :name, version = version + 1
            WHERE id = :id AND account_id = :accountId AND version = :version""")
    Mono<Integer> rename(long id, long accountId, String name, long version);
}
