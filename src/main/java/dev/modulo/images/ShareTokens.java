package dev.modulo.images;

import java.util.regex.Pattern;

import dev.modulo.platform.RandomTokens;
import reactor.core.publisher.Mono;

/** Share-link tokens: {@link RandomTokens}, and a shape check before any query. */
final class ShareTokens {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private ShareTokens() {
    }

    static Mono<String> next() {
        return RandomTokens.next();
    }

    /** Cheap refusal of anything that cannot be a token, before any query. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }
}
