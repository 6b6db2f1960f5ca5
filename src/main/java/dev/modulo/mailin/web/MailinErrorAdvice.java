package dev.modulo.mailin.web;

import dev.modulo.mailin.HeldMessageNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/** A held message that does not exist, or belongs to someone else, is simply not there. */
@ControllerAdvice(basePackageClasses = MailinErrorAdvice.class)
class MailinErrorAdvice {

    @ExceptionHandler(HeldMessageNotFound.class)
    Rendering notFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }
}
