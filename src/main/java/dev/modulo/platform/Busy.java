package dev.modulo.platform;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Failures that mean "too much at once, try again shortly" rather than "wrong": a deadline that
 * passed ({@link TimeoutException}, the pool's acquire time, a row lock not granted in time), a full
 * bulkhead ({@link RejectedExecutionException}), a transient database error. The web answers them
 * with 503 and {@code Retry-After}, the SMTP listener with 451; neither logs them as errors. A version
 * that moved ({@link OptimisticLockingFailureException}) is not load but another person's edit:
 * {@link ChangedElsewhere}.
 */
public final class Busy {

    private Busy() {
    }

    /** Whether {@code error}, or anything that caused it, is a sign of load rather than of a fault. */
    public static boolean isBusy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof RejectedExecutionException
                    || cause instanceof R2dbcTimeoutException
                    || cause instanceof R2dbcTransientResourceException
                    || cause instanceof TransientDataAccessException && !(cause instanceof OptimisticLockingFailureException)) {
                return true;
            }
        }
        return false;
    }
}
