package dev.modulo.web.internal;

import java.util.List;

import dev.modulo.platform.ChangedElsewhere;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * The last word on a save from a stale copy that a controller did not turn into its own form page:
 * 409 "changed elsewhere". A version check that failed ({@code @Version}) is the same thing; it is
 * a conflict to show, not the 503 "busy" its transient exception type would otherwise earn.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ChangedElsewhereAdvice {

    @ExceptionHandler({ChangedElsewhere.class, OptimisticLockingFailureException.class})
    Rendering changedElsewhere() {
        return Rendering.view("error/4xx")
                .modelAttribute("status", HttpStatus.CONFLICT.value())
                .modelAttribute("error", HttpStatus.CONFLICT.getReasonPhrase())
                .modelAttribute("messages", List.of(ChangedElsewhere.MESSAGE))
                .status(HttpStatus.CONFLICT)
                .build();
    }
}
