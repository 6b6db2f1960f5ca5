package dev.modulo.blog;

import java.time.Instant;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every finder takes the account: a post is only ever found within its owner's blog. */
interface BlogPosts extends ReactiveCrudRepository<BlogPost, Long> {

    Mono<BlogPost> findByIdAndAccountId(long id, long accountId);

    Mono<BlogPost> findByAccountIdAndSlug(long accountId, String slug);

    Mono<Boolean> existsByAccountIdAndSlug(long accountId, String slug);

    Mono<Long> countByAccountId(long accountId);

    @Query("""
            SELECT * FROM blog_post WHERE account_id = :accountId
            ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    Flux<BlogPost> findNewestFirst(long accountId, int limit, long offset);

    @Query("""
            SELECT * FROM blog_post WHERE account_id = :accountId AND published_at <= :now
            ORDER BY published_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    Flux<BlogPost> findPublished(long accountId, Instant now, int limit, long offset);

    @Query("""
            SELECT p.* FROM blog_post p JOIN blog_post_tag t ON t.post_id = p.id
            WHERE t.account_id = :accountId AND t.tag = :tag AND p.published_at <= :now
            ORDER BY p.published_at DESC, p.id DESC LIMIT :limit OFFSET :offset""")
    Flux<BlogPost> findPublishedWithTag(long accountId, String tag, Instant now, int limit, long offset);
}
