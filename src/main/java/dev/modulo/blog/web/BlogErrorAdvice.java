package dev.modulo.blog.web;

import dev.modulo.blog.CommentNotFound;
import dev.modulo.blog.PostNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/** A post or comment that does not exist, or that the asker may not see, is simply not there. */
@ControllerAdvice(basePackageClasses = BlogErrorAdvice.class)
class BlogErrorAdvice {

    @ExceptionHandler({PostNotFound.class, CommentNotFound.class})
    Rendering postNotFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }
}
