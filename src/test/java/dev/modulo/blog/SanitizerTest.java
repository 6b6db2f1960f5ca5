package dev.modulo.blog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import dev.modulo.platform.SafeHtml;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Markdown and HTML from people go through {@link Markdown} and {@link SafeHtml}; whatever they
 * wrote, what comes out parses (as a browser would parse it) into allowed elements with safe
 * attributes only.
 */
class SanitizerTest {

    private static final Set<String> ARTICLE_ELEMENTS = Set.of("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "b", "i", "u", "s", "del",
            "ins", "sub", "sup", "small", "mark", "kbd", "abbr", "figure", "figcaption", "table", "thead", "tbody",
            "tfoot", "tr", "th", "td", "caption", "a", "img", "span", "div");
    private static final Set<String> SAFE_ATTRIBUTES = Set.of("href", "src", "alt", "title", "width", "height",
            "align", "start", "rel");

    private final Markdown markdown = new Markdown();

    static Stream<String> payloads() {
        try {
            String text = new ClassPathResource("xss/payloads.txt").getContentAsString(StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.replace("\\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aPostBodyKeepsNothingThatCanRunOrRestyle(String payload) {
        assertSafe(markdown.toSafeHtml(payload).block(), ARTICLE_ELEMENTS);
        assertSafe(markdown.toSafeHtml("Some text\n\n" + payload + "\n\nmore text").block(), ARTICLE_ELEMENTS);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aCommentKeepsOnlyParagraphsBreaksAndLinks(String payload) {
        assertSafe(markdown.commentToSafeHtml(payload).block(), Set.of("p", "br", "a"));
    }

    @Test
    void ordinaryMarkdownSurvives() {
        String html = markdown.toSafeHtml("""
                # Title

                Some **bold**, _italic_ and ~~struck~~ text with a [link](https://example.com) and
                https://bare.example.com.

                ![a cat](https://example.com/cat.jpg "The cat")

                | a | b |
                |---|:-:|
                | 1 | 2 |

                ```
                code <kept> as text
                ```
                """).block();

        Document page = Jsoup.parseBodyFragment(html);
        assertThat(page.select("h1").text()).isEqualTo("Title");
        assertThat(page.select("strong").text()).isEqualTo("bold");
        assertThat(page.select("em").text()).isEqualTo("italic");
        assertThat(page.select("del").text()).isEqualTo("struck");
        assertThat(page.select("a[href=https://example.com]").attr("rel")).contains("noopener");
        assertThat(page.select("a[href=https://bare.example.com]")).hasSize(1);
        assertThat(page.select("img").attr("src")).isEqualTo("https://example.com/cat.jpg");
        assertThat(page.select("img").attr("alt")).isEqualTo("a cat");
        assertThat(page.select("table td")).hasSize(2);
        assertThat(page.select("pre code").text()).isEqualTo("code <kept> as text");
    }

    @Test
    void aCommentsFormattingBecomesTextAndItsLinksAreMarkedAsUserContent() {
        Document page = Jsoup.parseBodyFragment(markdown.commentToSafeHtml(
                "Nice **post**! See https://example.com\n\n<b>bold?</b>").block());

        assertThat(page.select("strong, b")).isEmpty();
        assertThat(page.text()).contains("Nice post!", "bold?");
        assertThat(page.select("a").attr("rel")).contains("nofollow", "ugc");
    }

    private static void assertSafe(String html, Set<String> allowedElements) {
        Document page = Jsoup.parseBodyFragment(html);
        for (Element element : page.body().getAllElements()) {
            if (element == page.body()) {
                continue;
            }
            assertThat(allowedElements).as("element <%s> in %s", element.tagName(), html).contains(element.tagName());
            for (Attribute attribute : element.attributes()) {
                assertThat(SAFE_ATTRIBUTES).as("attribute %s in %s", attribute.getKey(), html)
                        .contains(attribute.getKey().toLowerCase(Locale.ROOT));
                if (attribute.getKey().equals("href") || attribute.getKey().equals("src")) {
                    String url = attribute.getValue().strip().toLowerCase(Locale.ROOT);
                    assertThat(url).as("URL in %s", html)
                            .satisfiesAnyOf(
                                    u -> assertThat(u).startsWith("http://"),
                                    u -> assertThat(u).startsWith("https://"),
                                    u -> assertThat(u).startsWith("mailto:"),
                                    u -> assertThat(u).doesNotContain(":"));
                }
            }
        }
    }
}
