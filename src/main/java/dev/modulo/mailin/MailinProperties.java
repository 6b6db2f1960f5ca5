package dev.modulo.mailin;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Blog by email.
 *
 * @param enabled                 whether the SMTP listener starts at all
 * @param port                    the SMTP port (0 picks a free one, as the tests do)
 * @param bindAddress             the address to listen on; empty: all
 * @param domain                  the domain of posting addresses, {@code p-…@domain}; mail for other domains is refused
 * @param maxMessageSize          larger messages are refused with 552
 * @param maxRecipients           recipients one message may name; past that, 452
 * @param maxConnections          SMTP connections at once, in all
 * @param maxConnectionsPerClient SMTP connections at once from one client address
 * @param connectionTimeout       an idle SMTP connection is closed after this
 * @param storeTimeout            how long one message may take to become a post before the sender is told to retry (451)
 * @param maxParts                MIME parts one message may have
 * @param maxDepth                how deeply MIME parts may nest
 * @param maxHeld                 held messages one account may have waiting; past that, new ones get 452 (try later)
 * @param trustedAuthservIds      authserv-ids of relays in front of Modulo whose Authentication-Results header
 *                                (RFC 8601) is believed; any other such header is ignored
 * @param maxSessionTime          the longest one SMTP connection may last, busy or not
 * @param maxCommands             the most commands one SMTP connection may send
 */
@ConfigurationProperties("modulo.mailin")
public record MailinProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2525") int port,
        @DefaultValue("") String bindAddress,
        @DefaultValue("localhost") String domain,
        @DefaultValue("10MB") DataSize maxMessageSize,
        @DefaultValue("10") int maxRecipients,
        @DefaultValue("50") int maxConnections,
        @DefaultValue("5") int maxConnectionsPerClient,
        @DefaultValue("60s") Duration connectionTimeout,
        @DefaultValue("60s") Duration storeTimeout,
        @DefaultValue("100") int maxParts,
        @DefaultValue("10") int maxDepth,
        @DefaultValue("200") int maxHeld,
        @DefaultValue List<String> trustedAuthservIds,
        @DefaultValue("5m") Duration maxSessionTime,
        @DefaultValue("1000") int maxCommands) {

    public MailinProperties {
        trustedAuthservIds = trustedAuthservIds == null ? List.of() : List.copyOf(trustedAuthservIds);
        // One client must never be able to take every slot, or an honest sender could not get in.
        if (maxConnectionsPerClient >= maxConnections) {
            throw new IllegalArgumentException("modulo.mailin.max-connections-per-client (" + maxConnectionsPerClient
                    + ") must be less than modulo.mailin.max-connections (" + maxConnections + ")");
        }
    }
}
