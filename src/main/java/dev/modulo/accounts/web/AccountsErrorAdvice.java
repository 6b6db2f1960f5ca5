package dev.modulo.accounts.web;

import dev.modulo.accounts.AccountNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/** The accounts module's domain errors, as pages. */
@ControllerAdvice(assignableTypes = {AccountController.class, DashboardController.class})
class AccountsErrorAdvice {

    /** The account went away during the request (deleted in another tab): nothing to show. */
    @ExceptionHandler(AccountNotFound.class)
    Rendering accountNotFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }
}
