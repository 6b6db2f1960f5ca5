package dev.modulo.mailin;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An account's secret posting address: {@code localPart@domain}. */
@Table
public record MailinAddress(@Id Long id, long accountId, String localPart, Instant createdAt) {

    public String address(String domain) {
        return localPart + "@" + domain;
    }
}
