package dev.modulo.images.web;

import dev.modulo.images.ImageNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/** An image that does not exist, or is not the asker's, is simply not there. */
@ControllerAdvice(basePackageClasses = ImagesErrorAdvice.class)
class ImagesErrorAdvice {

    @ExceptionHandler(ImageNotFound.class)
    Rendering imageNotFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }
}
