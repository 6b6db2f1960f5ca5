package dev.modulo.accounts;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Mono;

interface Accounts extends ReactiveCrudRepository<Account, Long> {

    Mono<Account> findByUsername(String username);

    /** The account that owns this (confirmed) address. */
    Mono<Account> findByLoginEmail(String loginEmail);

    /** The newest account that gave this address and has not confirmed it yet. */
    @Query("SELECT * FROM account WHERE email = :email AND login_email IS NULL ORDER BY created_at DESC, id DESC LIMIT 1")
    Mono<Account> findNewestUnconfirmed(String email);

    Mono<Boolean> existsByUsername(String username);

    /** One statement, so concurrent reservations can never together pass the quota. */
    @Modifying
    @Query("""
            UPDATE account SET storage_used_bytes = storage_used_bytes + :bytes
            WHERE id = :accountId AND storage_used_bytes + :bytes <= :quota""")
    Mono<Integer> reserveStorage(long accountId, long bytes, long quota);

    @Modifying
    @Query("""
            UPDATE account SET storage_used_bytes = GREATEST(storage_used_bytes - :bytes, 0)
            WHERE id = :accountId""")
    Mono<Integer> releaseStorage(long accountId, long bytes);

    /** Changes the plan only while the storage in use fits the new plan's quota. */
    @Modifying
    @Query("""
            UPDATE account SET plan_id = :planId
            WHERE id = :accountId AND storage_used_bytes <= :quota""")
    Mono<Integer> changePlan(long accountId, String planId, long quota);

    // Targeted updates: each changes only its own columns, so it never undoes a concurrent
    // storage reservation or plan change read earlier.

    /** A new password, and a new session epoch: sessions signed in before it end. */
    @Modifying
    @Query("UPDATE account SET password_hash = :hash, session_epoch = session_epoch + 1 WHERE id = :accountId")
    Mono<Integer> updatePassword(long accountId, String hash);

    @Modifying
    @Query("UPDATE account SET time_zone = :zone, phone_region = :region WHERE id = :accountId")
    Mono<Integer> updatePreferences(long accountId, String zone, String region);

    /**
     * The mailbox has proved the address: it becomes the account's own. Fails with a
     * {@link org.springframework.dao.DataIntegrityViolationException} when another account owns it.
     */
    @Modifying
    @Query("""
            UPDATE account SET login_email = email, email_verified_at = COALESCE(email_verified_at, :at)
            WHERE id = :accountId""")
    Mono<Integer> confirmEmail(long accountId, java.time.Instant at);
}
