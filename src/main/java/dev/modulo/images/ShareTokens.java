package dev.modulo.images;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import dev.modulo.platform.Blocking;
import reactor.core.publisher.Mono;

/** Unguessable tokens for share links: 256 random bits, URL-safe. */
final class ShareTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private ShareTokens() {
    }

    static Mono<String> next() {
        // SecureRandom may touch the entropy source: off the event loop.
        return Blocking.call(() -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }

    /** Cheap refusal of anything that cannot be a token, before any query. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }
}
