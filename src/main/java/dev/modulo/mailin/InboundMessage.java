package dev.modulo.mailin;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A message that reached an account's posting address, and what became of it.
 *
 * @param messageId  the Message-ID header, or {@code sha256:<hex>} of the message when it has none
 * @param status     {@link Status} by name
 * @param postId     the post it became, if it did
 * @param reason     why it is held, for the owner
 * @param rawMessage the message as received, kept while it is held
 */
@Table
public record InboundMessage(
        @Id Long id,
        long accountId,
        String messageId,
        String sender,
        String subject,
        String status,
        Long postId,
        String reason,
        byte[] rawMessage,
        Instant receivedAt) {

    public enum Status { POSTED, HELD, DISCARDED }

    public boolean isHeld() {
        return Status.HELD.name().equals(status);
    }
}
