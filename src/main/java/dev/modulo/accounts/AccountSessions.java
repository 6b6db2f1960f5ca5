package dev.modulo.accounts;

import java.time.Clock;
import java.time.Duration;

import dev.modulo.platform.ReadMemo;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Keeps who is signed in in the web session, and checks on every request that the account still
 * exists and that its password has not changed since: otherwise the session ends.
 */
@Component
public class AccountSessions implements ServerSecurityContextRepository {

    // Saving through it also gives the session a new id (session fixation).
    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

    /**
     * The account behind each signed-in request, read at most once a second per account rather than
     * on every request (every page, every thumbnail). A password change or deletion here takes
     * effect at once ({@link #changed}); one on another instance within a second.
     */
    private final ReadMemo<Long, Account> current;

    AccountSessions(Accounts accounts, ObjectProvider<Clock> clock) {
        this.current = new ReadMemo<>(Duration.ofSeconds(1), accounts::findById,
                account -> null, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The account's password changed or it was deleted: call within the change's transaction. */
    Mono<Void> changed(long accountId) {
        return current.forgetAfterCommit(() -> accountId);
    }

    /** Signs {@code account} in on this exchange, as a successful login would. */
    public Mono<Void> signIn(ServerWebExchange exchange, Account account) {
        return save(exchange, new SecurityContextImpl(AccountAuthentication.authenticated(account)));
    }

    /** Ends this exchange's session. */
    public Mono<Void> signOut(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(WebSession::invalidate);
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return sessions.load(exchange)
                .flatMap(context -> current(context)
                        .switchIfEmpty(Mono.defer(() -> signOut(exchange).then(Mono.empty()))));
    }

    private Mono<SecurityContext> current(SecurityContext context) {
        Authentication authentication = context.getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AccountPrincipal principal)) {
            return Mono.empty();
        }
        return current.get(principal.accountId())
                .filter(account -> account.sessionEpoch() == principal.sessionEpoch())
                .map(account -> new SecurityContextImpl(AccountAuthentication.authenticated(account)));
    }
}
