package dev.modulo.blog.web;

import org.springframework.util.MultiValueMap;

/** A visitor's comment form; {@code website} is the honeypot, hidden from people. */
record CommentForm(String name, String url, String text, String website) {

    static final CommentForm EMPTY = new CommentForm("", "", "", "");

    static CommentForm of(MultiValueMap<String, String> form) {
        return new CommentForm(form.getFirst("name"), form.getFirst("url"), form.getFirst("text"),
                form.getFirst("website"));
    }

    boolean isBot() {
        return website != null && !website.isBlank();
    }
}
