package dev.modulo.accounts;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person's account. {@link #id()} is the {@code account_id} every row of every module carries.
 * {@link #email()} is where its mail goes; {@link #loginEmail()} is that address once its mailbox
 * has confirmed it (only then does it log in and reset the password, and only one account can own
 * it), null before.
 */
@Table
public record Account(
        @Id Long id,
        String username,
        String email,
        String loginEmail,
        String passwordHash,
        String planId,
        String timeZone,
        String phoneRegion,
        long storageUsedBytes,
        int sessionEpoch,
        Instant emailVerifiedAt,
        Instant createdAt) {

    static Account create(String username, String email, String passwordHash, String planId, String timeZone,
            String phoneRegion, Instant now) {
        return new Account(null, username, email, null, passwordHash, planId, timeZone, phoneRegion, 0, 0, null, now);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + "]";
    }
}
