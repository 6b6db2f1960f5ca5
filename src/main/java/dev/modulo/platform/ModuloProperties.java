package dev.modulo.platform;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares.
 *
 * @param dataDir where the embedded database file and the blobs live; one setting moves both
 * @param baseUrl the address people reach Modulo at, used in links sent by mail
 */
@ConfigurationProperties("modulo")
public record ModuloProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") URI baseUrl) {

    /** An absolute link to {@code path} (which starts with a slash) on this Modulo. */
    public String link(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
