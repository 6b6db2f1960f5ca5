package dev.modulo.web.internal;

import dev.modulo.platform.InvalidInput;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * The last word on {@link InvalidInput} a controller did not turn into its own form page: a 400
 * page that lists what to correct, never a 500.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class InvalidInputAdvice {

    @ExceptionHandler(InvalidInput.class)
    Rendering invalidInput(InvalidInput invalid) {
        return Rendering.view("error/4xx")
                .modelAttribute("status", HttpStatus.BAD_REQUEST.value())
                .modelAttribute("error", HttpStatus.BAD_REQUEST.getReasonPhrase())
                .modelAttribute("messages", invalid.fieldErrors().values())
                .status(HttpStatus.BAD_REQUEST)
                .build();
    }
}
