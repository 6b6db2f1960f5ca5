package dev.modulo.images.web;

import dev.modulo.images.AlbumNotFound;
import dev.modulo.images.ImageNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/** An image or album that does not exist, is not the asker's, or whose link was revoked, is simply not there. */
@ControllerAdvice(basePackageClasses = ImagesErrorAdvice.class)
class ImagesErrorAdvice {

    @ExceptionHandler({ImageNotFound.class, AlbumNotFound.class})
    Rendering imageNotFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }
}
