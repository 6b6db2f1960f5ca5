package dev.modulo.mailin;

import java.util.List;

import dev.modulo.blog.PostDraft;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** From a decoded message to the post it makes: controls, signatures, quotes, HTML. No server needed. */
class MailToPostTest {

    static ParsedMail mail(String subject, String text) {
        return new ParsedMail("<id@example.org>", "ann@example.org", subject, text, false, List.of(), List.of(), null);
    }

    @Test
    void controlsAreReadFromTheSubjectAndTheTopLinesAndLeftOutOfThePost() {
        PostDraft draft = MailToPost.draft(mail("[Tags: Travel] Lisbon [draft]", """

                [tags: food, wine] [publish 2026-12-24 09:00]
                [not a control] stays.
                Text."""), "");

        assertThat(draft.title()).isEqualTo("Lisbon");
        assertThat(draft.tags()).isEqualTo("Travel,food,wine");
        assertThat(draft.publish()).as("draft wins over a time").isEqualTo("draft");
        assertThat(draft.bodyMarkdown()).isEqualTo("[not a control] stays.\nText.");
    }

    @Test
    void aDateThatCannotBeReadKeepsThePostADraftAndSaysWhy() {
        PostDraft draft = MailToPost.draft(mail("Later", "[publish next tuesday]\nSoon."), "");

        assertThat(draft.publish()).isEqualTo("draft");
        assertThat(draft.bodyMarkdown()).startsWith("Soon.").contains("\\[publish next tuesday\\] is not a date");
        PostDraft scheduled = MailToPost.draft(mail("Later", "[publish 2027-01-02]\nSoon."), "");
        assertThat(scheduled.publish()).isEqualTo("at");
        assertThat(scheduled.publishAt()).isEqualTo("2027-01-02T00:00");
    }

    @Test
    void signaturesQuotesAndForwardedOriginalsAreLeftOut() {
        assertThat(MailToPost.clean("""
                Hello.
                On Mon, 3 Jan 2026 at 10:00, Bob Example
                <bob@example.org> wrote:
                > old
                >> older
                Still mine.
                --
                Ann""")).containsExactly("Hello.", "Still mine.");
        assertThat(MailToPost.clean("Text\n-----Original Message-----\nFrom: x")).containsExactly("Text");
        assertThat(MailToPost.clean("On the beach we read.\nIt was warm.")).as("not an attribution")
                .containsExactly("On the beach we read.", "It was warm.");
        assertThat(MailToPost.clean("As Woolf put it:\n\n> A room of one's own\n\nStill true.\n\n> earlier mail\n> more"))
                .as("the writer's own quote stays; a trailing reply quote goes")
                .containsExactly("As Woolf put it:", "", "> A room of one's own", "", "Still true.", "");
    }

    @Test
    void aMessageWithoutSubjectIsNamedByItsFirstLineAndOtherFilesAreNamed() {
        ParsedMail untitled = new ParsedMail(null, null, "", "\n  First words here.\nMore.", false, List.of(),
                List.of("report.pdf", "song.mp3"), null);
        PostDraft draft = MailToPost.draft(untitled, "![a](/shared/images/t/thumbnail/1280)");

        assertThat(draft.title()).isEqualTo("First words here.");
        assertThat(draft.publish()).isEqualTo("now");
        assertThat(draft.bodyMarkdown()).isEqualTo("First words here.\nMore.\n\n![a](/shared/images/t/thumbnail/1280)"
                + "\n\n*Not included from the email: report.pdf, song.mp3.*");
    }

    @Test
    void htmlBecomesMarkdownTextWithoutMarkupOrQuotedReplies() {
        String markdown = HtmlText.toMarkdown("""
                <div>Hi <i>there</i>,<br>see <a href="https://example.org/a b">the [map]</a>
                and <a href="javascript:evil()">this [one]</a>.</div>
                <ul><li>one</li><li>two</li></ul>
                <h1>Title</h1><p>5 * 3 &lt; 20 &amp; <span onclick="x()">more</span></p>
                <blockquote type="cite">quoted</blockquote><div class="gmail_signature">Sig</div>""");

        assertThat(markdown).isEqualTo("""
                Hi *there*,\\
                see [the \\[map\\]](https://example.org/a%20b) and this \\[one\\].

                - one
                - two

                ## Title

                5 \\* 3 &lt; 20 & more""");
        assertThat(HtmlText.toMarkdown("<p>Line<br></p><p>Next<br>")).isEqualTo("Line\n\nNext");
    }

    @Test
    void htmlMailHasItsControlsReadAndItsSignatureLeftOutToo() {
        String markdown = HtmlText.toMarkdown("<div>[draft]</div><div>[tags: a, b]</div><div>Secret plans</div>"
                + "<div>-- <br>Ann<br>+1 555 0100</div>");
        PostDraft draft = MailToPost.draft(new ParsedMail("<h@example.org>", "ann@example.org", "Plans", markdown, true,
                List.of(), List.of(), null), "");

        assertThat(draft.publish()).isEqualTo("draft");
        assertThat(draft.tags()).isEqualTo("a,b");
        assertThat(draft.bodyMarkdown()).isEqualTo("Secret plans");
    }

    @Test
    void controlsThatNeverCloseAreReadInLinearTime() {
        // Greedy patterns took minutes on these (catastrophic backtracking); the test finishing is the point.
        String spaces = " ".repeat(20_000);
        PostDraft fromSubject = MailToPost.draft(mail("[tags:" + spaces + "x", "Body"), "");
        PostDraft fromBody = MailToPost.draft(mail("Title", "[publish " + spaces + "x\nBody"), "");
        assertThat(fromSubject.tags()).isEmpty();
        assertThat(fromBody.publish()).isEqualTo("now");
        assertThat(fromBody.bodyMarkdown()).contains("Body");
    }
}
