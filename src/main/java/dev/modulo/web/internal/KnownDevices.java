package dev.modulo.web.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.modulo.platform.ModuloProperties;
import dev.modulo.platform.RandomTokens;
import dev.modulo.web.WebProperties;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Browsers that have logged in before, after OWASP's "device cookies": a successful login leaves
 * a long-lived cookie, signed with a server secret, naming the login used. A login attempt that
 * carries a valid one for the name it tries is from a known device, throttled on its own instead
 * of with the guesses others make at that name from its address.
 */
final class KnownDevices {

    static final String COOKIE = "MODULO_DEVICE";
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration lifetime;
    private final String path;
    private final Clock clock;

    KnownDevices(byte[] key, Duration lifetime, String path, Clock clock) {
        this.key = key.clone();
        this.lifetime = lifetime;
        this.path = path;
        this.clock = clock;
    }

    /** The configured secret, or one kept under the data directory (made on first start). */
    static KnownDevices from(WebProperties web, ModuloProperties modulo, String path) {
        String secret = web.deviceKey();
        byte[] key = secret != null && !secret.isBlank()
                ? secret.getBytes(StandardCharsets.UTF_8)
                : keptKey(modulo.dataDir().resolve("device-cookie.key"));
        return new KnownDevices(key, web.knownDeviceLifetime(), path, Clock.systemUTC());
    }

    /** How the login form's name is compared: trimmed, lower-case. */
    static String normalise(String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }

    /** The id of the known device this request comes from, if its cookie is valid for {@code login}. */
    Optional<String> deviceFor(ServerWebExchange exchange, String login) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null || cookie.getValue().length() > 1_000) {
            return Optional.empty();
        }
        String[] parts = cookie.getValue().split("\\.");
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            String named = new String(DECODE.decode(parts[1]), StandardCharsets.UTF_8);
            long issued = Long.parseLong(parts[2]);
            boolean genuine = MessageDigest.isEqual(DECODE.decode(parts[4]), sign(parts[1], parts[2], parts[3]));
            boolean current = clock.instant().getEpochSecond() - issued < lifetime.toSeconds();
            return genuine && current && named.equals(login) ? Optional.of(parts[3]) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Marks this browser as a known device for {@code login}. */
    Mono<Void> remember(ServerWebExchange exchange, String login) {
        return RandomTokens.next()
                .doOnNext(device -> setCookie(exchange, login, device))
                .then();
    }

    private void setCookie(ServerWebExchange exchange, String login, String device) {
        String name = ENCODE.encodeToString(login.getBytes(StandardCharsets.UTF_8));
        String issued = Long.toString(clock.instant().getEpochSecond());
        String value = String.join(".", VERSION, name, issued, device, ENCODE.encodeToString(sign(name, issued, device)));
        exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, value)
                .path(path)
                .maxAge(lifetime)
                .httpOnly(true)
                .sameSite("Lax")
                .secure("https".equals(exchange.getRequest().getURI().getScheme()))
                .build());
    }

    private byte[] sign(String name, String issued, String device) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(String.join("|", VERSION, name, issued, device).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    private static byte[] keptKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // The data directory's own permissions protect it.
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write " + file, e);
        }
    }
}
