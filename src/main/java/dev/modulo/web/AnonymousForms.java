package dev.modulo.web;

import java.util.List;

/**
 * Forms on pages shared by every visitor (and so kept by the page cache), which therefore carry no
 * CSRF token: path patterns of where they are sent. The shell checks instead that the browser sent
 * them from one of Modulo's own pages (the {@code Sec-Fetch-Site} and {@code Origin} headers).
 * Only for forms that act with no authority of the person sending them, such as a reader's comment.
 */
@FunctionalInterface
public interface AnonymousForms {

    List<String> patterns();
}
