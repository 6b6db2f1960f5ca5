package dev.modulo.accounts;

/** No account has this id (it may have been deleted). */
public class AccountNotFound extends RuntimeException {

    public AccountNotFound(long accountId) {
        super("No account " + accountId);
    }
}
