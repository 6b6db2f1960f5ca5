package dev.modulo.mailin;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A sender whose mail an account publishes; once any are listed, mail from others is held. */
@Table
public record MailinSender(@Id Long id, long accountId, String address, Instant createdAt) {
}
