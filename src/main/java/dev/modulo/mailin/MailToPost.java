package dev.modulo.mailin;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.blog.PostDraft;

/**
 * How a message's subject and text become a post: the subject is the title; the text, less the
 * signature and quoted replies, is the Markdown body; controls at the top or in the subject set
 * draft, tags and publication time.
 */
final class MailToPost {

    static final int MAX_TITLE = 300;
    static final int MAX_BODY = 190_000;

    // Possessive quantifiers throughout: with greedy ones, "[tags:" and thousands of spaces took minutes
    // of backtracking, on a thread that serves other people's requests.
    private static final Pattern CONTROL = Pattern.compile(
            "\\[\\s*+(draft|tags?\\s*+:([^\\]]*+)|publish\\s++([^\\]]*+))\\s*+\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL_LINE = Pattern.compile("(\\s*+" + CONTROL.pattern() + ")++\\s*+",
            Pattern.CASE_INSENSITIVE);
    /** Controls are short; a longer subject or line is not read for them (it is kept as text). */
    static final int MAX_CONTROL_TEXT = 1_000;
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "\\s*(On\\s.*wrote:|Am\\s.*schrieb.*:|Le\\s.*a écrit\\s?:)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "\\s*(-{3,}\\s*Original Message\\s*-{3,}|_{20,})\\s*", Pattern.CASE_INSENSITIVE);

    private MailToPost() {
    }

    /** The post a message makes; {@code pictures} is Markdown for its stored pictures (may be empty). */
    static PostDraft draft(ParsedMail mail, String pictures) {
        Controls controls = new Controls();
        String subject = mail.subject() == null ? "" : mail.subject();
        if (subject.length() > MAX_CONTROL_TEXT) {
            subject = subject.substring(0, MAX_CONTROL_TEXT);
        }
        String title = controls.takeFrom(subject).replaceAll("\\s+", " ").strip();
        List<String> lines = clean(mail.text());
        int first = 0;
        while (first < lines.size() && (lines.get(first).isBlank() || isControlLine(lines.get(first), mail.fromHtml()))) {
            controls.takeFrom(mail.fromHtml() ? unescaped(lines.get(first)) : lines.get(first));
            first++;
        }
        String body = String.join("\n", lines.subList(first, lines.size())).strip();
        if (title.isEmpty()) {
            title = body.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                    .map(line -> line.length() > 80 ? line.substring(0, 80) + "…" : line)
                    .orElse("Post by email");
        }
        if (title.length() > MAX_TITLE) {
            title = title.substring(0, MAX_TITLE - 1) + "…";
        }
        List<String> notes = new ArrayList<>();
        if (body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
            notes.add("The message was longer than a post may be; the rest was left out.");
        }
        if (!mail.otherAttachments().isEmpty()) {
            notes.add("Not included from the email: " + String.join(", ", mail.otherAttachments()) + ".");
        }
        if (controls.badDate != null) {
            notes.add("The date in [publish " + controls.badDate + "] is not a date like 2026-12-24 09:00; "
                    + "the post was saved as a draft.");
        }
        StringBuilder markdown = new StringBuilder(body);
        if (pictures != null && !pictures.isBlank()) {
            markdown.append(markdown.length() == 0 ? "" : "\n\n").append(pictures.strip());
        }
        for (String note : notes) {
            markdown.append(markdown.length() == 0 ? "" : "\n\n").append('*').append(escapeNote(note)).append('*');
        }
        String publish = controls.draft || controls.badDate != null ? "draft" : controls.publishAt != null ? "at" : "now";
        return new PostDraft(title, "", markdown.toString(), String.join(",", controls.tags), publish,
                controls.publishAt == null ? "" : controls.publishAt.toString(), true);
    }

    private static boolean isControlLine(String line, boolean fromHtml) {
        return line.length() <= MAX_CONTROL_TEXT
                && CONTROL_LINE.matcher(fromHtml ? unescaped(line) : line).matches();
    }

    /** HTML mail became Markdown, where a typed "[draft]" is escaped as "\\[draft\\]". */
    private static String unescaped(String line) {
        return line.replace("\\[", "[").replace("\\]", "]");
    }

    /** The text's lines, without the signature, quoted replies and their "On … wrote:" lines. */
    static List<String> clean(String text) {
        List<String> lines = new ArrayList<>();
        String[] all = (text == null ? "" : text).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        boolean inReply = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            // "-- \\" is the delimiter after HTML mail became Markdown ("-- <br>" is a hard line break).
            if (line.equals("-- ") || line.equals("--") || line.equals("-- \\") || line.equals("--\\")
                    || FORWARD_MARKER.matcher(line).matches()) {
                break;
            }
            if (line.stripLeading().startsWith(">")) {
                // A reply's quote follows "On … wrote:" or ends the message; one in the middle is the
                // writer's own Markdown quote and stays.
                if (inReply || onlyQuotesFollow(all, i)) {
                    continue;
                }
            } else if (ATTRIBUTION.matcher(line).matches() && quotedOrEndFollows(all, i + 1)) {
                inReply = true;
                continue;
            } else if (i + 1 < all.length && line.strip().startsWith("On ")
                    && ATTRIBUTION.matcher(line + " " + all[i + 1].strip()).matches() && quotedOrEndFollows(all, i + 2)) {
                // "On Mon, 3 Jan 2026, Ann <ann@example.org>" / "wrote:" split over two lines by the mailer.
                inReply = true;
                i++;
                continue;
            } else if (!line.isBlank()) {
                inReply = false;
            }
            lines.add(line.stripTrailing());
        }
        return lines;
    }

    /** Whether nothing but quoted or blank lines is left (up to a signature). */
    private static boolean onlyQuotesFollow(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("-- ") || line.equals("--") || line.equals("-- \\") || line.equals("--\\")) {
                return true;
            }
            if (!line.isBlank() && !line.stripLeading().startsWith(">")) {
                return false;
            }
        }
        return true;
    }

    private static boolean quotedOrEndFollows(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return lines[i].stripLeading().startsWith(">");
            }
        }
        return true;
    }

    private static String escapeNote(String note) {
        return note.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")
                .replace("]", "\\]").replace("<", "&lt;");
    }

    /** Controls found so far: {@code [draft]}, {@code [tags: a, b]}, {@code [publish 2026-12-24 09:00]}. */
    private static final class Controls {

        boolean draft;
        final List<String> tags = new ArrayList<>();
        LocalDateTime publishAt;
        String badDate;

        /** Reads the controls in {@code text} and answers the text without them. */
        String takeFrom(String text) {
            Matcher matcher = CONTROL.matcher(text);
            StringBuilder rest = new StringBuilder();
            while (matcher.find()) {
                String control = matcher.group(1).toLowerCase(Locale.ROOT);
                if (control.equals("draft")) {
                    draft = true;
                } else if (control.startsWith("tag")) {
                    for (String tag : matcher.group(2).split(",")) {
                        if (!tag.isBlank() && tags.size() < 20) {
                            String clean = tag.strip();
                            tags.add(clean.length() > 40 ? clean.substring(0, 40) : clean);
                        }
                    }
                } else {
                    readDate(matcher.group(3).strip());
                }
                matcher.appendReplacement(rest, " ");
            }
            matcher.appendTail(rest);
            return rest.toString();
        }

        private void readDate(String text) {
            String iso = text.replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[ T]+", "$1T");
            try {
                LocalDateTime at = iso.length() == 10 ? LocalDateTime.parse(iso + "T00:00") : LocalDateTime.parse(iso);
                if (at.getYear() >= 1900 && at.getYear() <= 9999) {
                    publishAt = at;
                    return;
                }
            } catch (DateTimeParseException unreadable) {
                // Falls through: the post becomes a draft and says why.
            }
            badDate = text;
        }
    }
}
