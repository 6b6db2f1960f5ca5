package dev.modulo.mailin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * An HTML mail body as simple Markdown: paragraphs, line breaks, lists, emphasis and links.
 * Quoted replies and signatures that mailers mark in HTML are left out; everything else is
 * text, so nothing of the original markup (scripts, styles, event handlers) survives. The post's
 * Markdown is rendered and sanitized by the blog as any other.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "table",
            "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "blockquote", "hr", "address", "center");
    /** What mailers mark as quoted replies, forwarded headers and signatures. */
    private static final String LEFT_OUT = "head, script, style, title, template, noscript, object, iframe, svg, "
            + "blockquote[type=cite], .gmail_quote, .gmail_signature, .moz-cite-prefix, .moz-signature, "
            + "#divRplyFwdMsg, #appendonsend, .yahoo_quoted, div[data-smartmail=gmail_signature]";

    private HtmlText() {
    }

    static String toMarkdown(String html) {
        Document document = Jsoup.parse(html == null ? "" : html);
        document.select(LEFT_OUT).remove();
        StringBuilder out = new StringBuilder();
        Deque<Integer> linkStarts = new ArrayDeque<>();
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String value = text.getWholeText().replaceAll("[\\s\\u00a0]+", " ");
                    if (isAtLineStart(out)) {
                        value = value.stripLeading();
                    }
                    out.append(escape(value));
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    switch (tag) {
                        // A backslash before the line end: Markdown's hard line break.
                        case "br" -> out.append("\\\n");
                        case "li" -> out.append(isAtLineStart(out) ? "" : "\n").append("- ");
                        case "strong", "b" -> out.append("**");
                        case "em", "i" -> out.append('*');
                        case "a" -> {
                            linkStarts.push(out.length());
                            out.append('[');
                        }
                        case "h1", "h2", "h3" -> blockBreak(out).append("## ");
                        case "td", "th" -> out.append(' ');
                        default -> {
                            if (BLOCKS.contains(tag)) {
                                blockBreak(out);
                            }
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    String tag = element.normalName();
                    switch (tag) {
                        case "strong", "b" -> out.append("**");
                        case "em", "i" -> out.append('*');
                        case "a" -> {
                            int open = linkStarts.isEmpty() ? -1 : linkStarts.pop();
                            String href = element.attr("href").strip();
                            String scheme = href.toLowerCase(Locale.ROOT);
                            if (scheme.startsWith("http://") || scheme.startsWith("https://") || scheme.startsWith("mailto:")) {
                                out.append("](").append(href.replace(" ", "%20").replace(")", "%29")).append(')');
                            } else if (open >= 0) {
                                // Not a link we keep: leave its text only.
                                out.deleteCharAt(open);
                            }
                        }
                        default -> {
                            if (BLOCKS.contains(tag)) {
                                blockBreak(out);
                            }
                        }
                    }
                }
            }
        });
        return out.toString()
                .replaceAll("(?m)[ \\t]+$", "")
                .replaceAll("\\n{3,}", "\n\n")
                // A line break that ends a paragraph (or everything) breaks nothing.
                .replaceAll("\\\\\n(?=\n|$)", "\n")
                .replace("****", "")
                .strip()
                .replaceAll("\\\\$", "");
    }

    private static boolean isAtLineStart(StringBuilder out) {
        return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
    }

    private static StringBuilder blockBreak(StringBuilder out) {
        if (out.length() == 0) {
            return out;
        }
        while (out.length() < 2 || out.charAt(out.length() - 1) != '\n' || out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
        return out;
    }

    /** Text stays text: characters Markdown would read as markup or as HTML are escaped. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")
                .replace("[", "\\[").replace("]", "\\]").replace("`", "\\`");
    }
}
