package dev.modulo.spam;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The spam filter.
 *
 * @param threshold a text scoring at least this (0 ham … 1 spam) is treated as spam. High, because a
 *                  posting address is secret and the built-in training set is small: mail wrongly
 *                  held costs its owner more than spam that slips through.
 */
@ConfigurationProperties("modulo.spam")
public record SpamProperties(@DefaultValue("0.95") double threshold) {
}
