package dev.modulo.platform;

import java.security.SecureRandom;
import java.util.Base64;

import reactor.core.publisher.Mono;

/** Unguessable tokens for links (mail links, share links): 256 random bits, URL-safe, 43 characters. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    /** A new token; drawn off the event loop, since SecureRandom may read the entropy source. */
    public static Mono<String> next() {
        return Blocking.FILES.call(() -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }
}
