package dev.modulo.platform;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The allow-list HTML sanitizer every module uses for HTML it did not write itself (Markdown
 * output, mail bodies, comments) before storing or showing it. No script, no event handler, no
 * {@code javascript:} URL, no iframe, no style survives either policy.
 */
public final class SafeHtml {

    /** Articles: headings, lists, quotes, code, tables, links and images over http(s). */
    private static final PolicyFactory ARTICLE = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                    "ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub",
                    "sup", "small", "mark", "kbd", "abbr", "figure", "figcaption", "table", "thead", "tbody",
                    "tfoot", "tr", "th", "td", "caption", "a", "img", "span", "div")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("src", "alt", "title", "width", "height").onElements("img")
            .allowAttributes("title").onElements("abbr")
            .allowAttributes("align").matching(true, "left", "center", "right").onElements("th", "td")
            .allowAttributes("start").matching(java.util.regex.Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .requireRelsOnLinks("noopener", "noreferrer")
            .toFactory();

    /** Comments: paragraphs, line breaks and links, marked as user content nobody vouches for. */
    private static final PolicyFactory COMMENT = new HtmlPolicyBuilder()
            .allowElements("p", "br", "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .requireRelsOnLinks("nofollow", "ugc", "noopener", "noreferrer")
            .toFactory();

    private SafeHtml() {
    }

    public static String article(String untrustedHtml) {
        return ARTICLE.sanitize(untrustedHtml == null ? "" : untrustedHtml);
    }

    public static String comment(String untrustedHtml) {
        return COMMENT.sanitize(untrustedHtml == null ? "" : untrustedHtml);
    }
}
