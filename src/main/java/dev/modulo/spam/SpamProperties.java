package dev.modulo.spam;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The spam filter.
 *
 * @param threshold a text scoring at least this (0 ham … 1 spam) is treated as spam
 */
@ConfigurationProperties("modulo.spam")
public record SpamProperties(@DefaultValue("0.9") double threshold) {
}
