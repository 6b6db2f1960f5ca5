package dev.modulo.blog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the blog module ({@code modulo.blog.*}).
 *
 * @param commentsPerHour comments one client address may post per hour, across all blogs
 */
@ConfigurationProperties("modulo.blog")
public record BlogProperties(@DefaultValue("20") int commentsPerHour) {
}
