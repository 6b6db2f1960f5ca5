package dev.modulo.accounts;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person's account. {@link #id()} is the {@code account_id} every row of every module carries.
 */
@Table
public record Account(
        @Id Long id,
        String username,
        String email,
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
        return new Account(null, username, email, passwordHash, planId, timeZone, phoneRegion, 0, 0, null, now);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    Account withPassword(String hash) {
        return new Account(id, username, email, hash, planId, timeZone, phoneRegion, storageUsedBytes,
                sessionEpoch + 1, emailVerifiedAt, createdAt);
    }

    Account withPreferences(String zone, String region) {
        return new Account(id, username, email, passwordHash, planId, zone, region, storageUsedBytes,
                sessionEpoch, emailVerifiedAt, createdAt);
    }

    Account withEmailVerifiedAt(Instant at) {
        return new Account(id, username, email, passwordHash, planId, timeZone, phoneRegion, storageUsedBytes,
                sessionEpoch, at, createdAt);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + "]";
    }
}
