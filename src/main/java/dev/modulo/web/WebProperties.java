package dev.modulo.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web shell ({@code modulo.web.*}).
 *
 * @param loginsPerMinute login attempts allowed per client address, and per username, per minute
 */
@ConfigurationProperties("modulo.web")
public record WebProperties(@DefaultValue("10") int loginsPerMinute) {
}
