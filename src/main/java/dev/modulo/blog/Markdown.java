package dev.modulo.blog;

import java.util.List;

import dev.modulo.platform.Blocking;
import dev.modulo.platform.SafeHtml;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Markdown → HTML (commonmark-java, with GitHub's tables and strikethrough and bare links), then
 * through the allow-list sanitizer. Rendering a long post is real CPU work, so it runs off the loop.
 */
@Component
public class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), AutolinkExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    /** Safe HTML for a post body. */
    public Mono<String> toSafeHtml(String markdown) {
        return Blocking.PARSING.call(() -> SafeHtml.article(renderer.render(parser.parse(markdown == null ? "" : markdown))));
    }

    /** Safe HTML for a visitor's comment: paragraphs and links, nothing else. */
    Mono<String> commentToSafeHtml(String text) {
        return Blocking.PARSING.call(() -> SafeHtml.comment(renderer.render(parser.parse(text == null ? "" : text))));
    }
}
