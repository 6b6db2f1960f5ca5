package dev.modulo.accounts;

import reactor.core.publisher.Mono;

/**
 * A module that keeps data outside the database (blobs, files) for an account implements this as
 * a bean; it is called before the account's rows are deleted (they go by ON DELETE CASCADE).
 */
public interface AccountDataOwner {

    Mono<Void> deleteAllFor(long accountId);
}
