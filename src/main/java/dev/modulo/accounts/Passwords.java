package dev.modulo.accounts;

import java.util.Map;

import dev.modulo.platform.Blocking;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Argon2id password hashes. Hashing is slow on purpose, so it runs off the event loop; the
 * stored form names its algorithm ({@code {argon2}…}) so a later upgrade can re-hash on login.
 */
@Component
class Passwords {

    private final PasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", Map.of(
            "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
            "bcrypt", new BCryptPasswordEncoder()));

    // Compared against when no account matches, so a wrong username costs as long as a wrong password.
    // Made at the first such login, on the password threads: at start-up it held up the main thread.
    private final Mono<String> decoy = Blocking.PASSWORDS.call(() -> encoder.encode("decoy password, never matches anything"))
            .cache();

    Mono<String> hash(String raw) {
        return Blocking.PASSWORDS.call(() -> encoder.encode(raw));
    }

    Mono<Boolean> matches(String raw, String hash) {
        return Blocking.PASSWORDS.call(() -> encoder.matches(raw, hash));
    }

    /** Spends the time of one comparison and always answers false. */
    Mono<Boolean> mismatch(String raw) {
        return decoy.flatMap(hash -> matches(raw, hash)).map(ignored -> false);
    }
}
