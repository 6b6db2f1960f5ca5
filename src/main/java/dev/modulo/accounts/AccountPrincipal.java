package dev.modulo.accounts;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is signed in. Controllers of every module take it with {@code @AuthenticationPrincipal}
 * and pass {@link #accountId()} to their services.
 *
 * @param sessionEpoch the account's epoch at sign-in; a password change ends older sessions
 */
public record AccountPrincipal(long accountId, String username, int sessionEpoch)
        implements AuthenticatedPrincipal, Serializable {

    static AccountPrincipal of(Account account) {
        return new AccountPrincipal(account.id(), account.username(), account.sessionEpoch());
    }

    @Override
    public String getName() {
        return username;
    }
}
