package dev.modulo.blog;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Comments are found through their blog's owner, or through a post already found for a reader. */
interface BlogComments extends ReactiveCrudRepository<BlogComment, Long> {

    Mono<BlogComment> findByIdAndAccountId(long id, long accountId);

    /** A page of a post's comments in one state, oldest first. */
    @Query("""
            SELECT * FROM blog_comment WHERE post_id = :postId AND status = :status
            ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
    Flux<BlogComment> findOfPost(long postId, String status, int limit, long offset);

    Mono<Long> countByPostIdAndStatus(long postId, String status);

    Mono<Long> countByAccountIdAndStatus(long accountId, String status);

    @Query("""
            SELECT * FROM blog_comment WHERE account_id = :accountId AND status = :status
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<BlogComment> findQueue(long accountId, String status, int limit);

    /** Only the status is written: moderation never rewrites a comment from an older copy. */
    @Modifying
    @Query("UPDATE blog_comment SET status = :status WHERE id = :id AND account_id = :accountId")
    Mono<Integer> updateStatus(long id, long accountId, String status);
}
