package dev.modulo.accounts;

import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a username (or an account's confirmed email address) and password. Unknown names cost one hash comparison too, and
 * every failure reads the same, so login does not tell which accounts exist.
 */
@Component
class AccountAuthentication implements ReactiveAuthenticationManager {

    static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

    private final Accounts accounts;
    private final Passwords passwords;

    AccountAuthentication(Accounts accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String login = attempt.getName() == null ? "" : attempt.getName();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        return findByLogin(login)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(account -> account
                        .map(found -> passwords.matches(password, found.passwordHash()))
                        .orElseGet(() -> passwords.mismatch(password))
                        .flatMap(ok -> ok
                                ? Mono.just(authenticated(account.get()))
                                : Mono.error(new BadCredentialsException("Wrong username or password"))));
    }

    static Authentication authenticated(Account account) {
        return UsernamePasswordAuthenticationToken.authenticated(AccountPrincipal.of(account), null, AUTHORITIES);
    }

    private Mono<Account> findByLogin(String login) {
        return login.contains("@")
                ? accounts.findByLoginEmail(EmailAddresses.normalise(login))
                : accounts.findByUsername(Usernames.normalise(login));
    }
}
