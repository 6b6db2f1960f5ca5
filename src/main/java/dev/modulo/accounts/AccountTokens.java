package dev.modulo.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import dev.modulo.platform.RandomTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One-time tokens for links sent by mail. Only a SHA-256 of each token is stored; a token works
 * once, before it expires, for the purpose it was issued for.
 */
@Component
class AccountTokens {

    enum Purpose { VERIFY_EMAIL, RESET_PASSWORD }

    private final DatabaseClient db;
    private final Clock clock;

    AccountTokens(DatabaseClient db, ObjectProvider<Clock> clock) {
        this.db = db;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Issues a token, retiring the account's earlier unused ones for the same purpose. */
    Mono<String> issue(long accountId, Purpose purpose, Duration ttl) {
        Instant now = clock.instant();
        return RandomTokens.next()
                .flatMap(token -> db.sql("DELETE FROM account_token WHERE account_id = :account AND purpose = :purpose")
                        .bind("account", accountId)
                        .bind("purpose", purpose.name())
                        .then()
                        .then(db.sql("""
                                        INSERT INTO account_token (account_id, purpose, token_hash, expires_at, created_at)
                                        VALUES (:account, :purpose, :hash, :expires, :now)""")
                                .bind("account", accountId)
                                .bind("purpose", purpose.name())
                                .bind("hash", hash(token))
                                .bind("expires", now.plus(ttl))
                                .bind("now", now)
                                .then())
                        .thenReturn(token));
    }

    /** The account a still-valid token was issued to, without using the token up. */
    Mono<Long> peek(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Mono.empty();
        }
        return db.sql("""
                        SELECT account_id FROM account_token
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", hash(token.strip()))
                .bind("purpose", purpose.name())
                .bind("now", clock.instant())
                .map(row -> row.get("account_id", Long.class))
                .one();
    }

    /** The account the token was issued to, if it is valid; the token is used up. */
    Mono<Long> consume(String token, Purpose purpose) {
        Instant now = clock.instant();
        return peek(token, purpose)
                .flatMap(accountId -> db.sql("""
                                UPDATE account_token SET used_at = :now
                                WHERE token_hash = :hash AND used_at IS NULL""")
                        .bind("now", now)
                        .bind("hash", hash(token.strip()))
                        .fetch()
                        .rowsUpdated()
                        // Two clicks at once: only the one whose update took wins.
                        .filter(updated -> updated == 1)
                        .map(updated -> accountId));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
