package dev.modulo.mailin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.modulo.accounts.AccountService;
import dev.modulo.blog.BlogPost;
import dev.modulo.blog.BlogService;
import dev.modulo.images.AlbumService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TwoAccounts;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mail over a real socket, from a real SMTP client (Jakarta Mail), to the running listener,
 * over the MIME corpus in src/test/resources/mailin/: what becomes a post and how; and the
 * listener's replies for wrong recipients, oversized, damaged and repeated messages.
 */
@ModuloIntegrationTest
class MailinSmtpTest {

    @Autowired
    WebTestClient client;

    @Autowired
    SmtpListener listener;

    @Autowired
    AccountService accounts;

    @Autowired
    BlogService blog;

    @Autowired
    AlbumService albums;

    @Autowired
    MailInbox inbox;

    /** A fresh account: its id, its browser and its posting address. */
    record Person(long id, TestBrowser browser, String address) {
    }

    Person signUp() {
        String name = TestBrowser.uniqueName("mail");
        TestBrowser browser = new TestBrowser(client).signUp(name, TwoAccounts.PASSWORD, "basic");
        return new Person(accounts.findByUsername(name).block().id(), browser, MailinSettingsTest.addressOn(browser));
    }

    static byte[] corpus(String name) {
        try (InputStream in = MailinSmtpTest.class.getResourceAsStream("/mailin/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a corpus message as it is (headers and body untouched) with Jakarta Mail's SMTP transport. */
    void send(String name, String... recipients) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(listener.port()));
        properties.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new java.io.ByteArrayInputStream(corpus(name)));
        Address[] to = new Address[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            to[i] = new InternetAddress(recipients[i]);
        }
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, to);
        }
    }

    List<BlogPost> posts(Person person) {
        return blog.list(person.id(), 1).block().posts();
    }

    BlogPost onlyPost(Person person) {
        List<BlogPost> posts = posts(person);
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    @Test
    void aPlainMessageIsAPostAsSoonAsTheServerSaidOk() throws Exception {
        Person ann = signUp();
        send("plain.eml", ann.address());

        // No waiting: 250 came only after the post was committed.
        BlogPost post = onlyPost(ann);
        assertThat(post.title()).isEqualTo("Lisbon in the rain");
        assertThat(post.bodyMarkdown()).startsWith("We walked up to the castle and ate *pastéis de nata* on the way.")
                .contains("The trams were full.")
                .doesNotContain("[tags", "How was Lisbon", "Send pictures", "wrote:", "Sent from a phone", "Ann\n");
        assertThat(post.bodyHtml()).contains("<em>pastéis de nata</em>");
        assertThat(post.tagList()).containsExactly("travel", "food");
        assertThat(post.isPublic(Instant.now())).isTrue();
        assertThat(ann.browser().get("/blog").body()).contains("Lisbon in the rain");
    }

    @Test
    void anHtmlOnlyMessageBecomesSafeMarkdown() throws Exception {
        Person ann = signUp();
        send("html-only.eml", ann.address());

        BlogPost post = onlyPost(ann);
        assertThat(post.title()).isEqualTo("A page in HTML");
        assertThat(post.bodyHtml()).contains("<strong>bold</strong>", "href=\"https://example.org/map\"",
                        "&lt;tags&gt; as text", "New line.", "click")
                .doesNotContainIgnoringCase("<script").doesNotContain("alert", "onerror", "javascript:", "old text",
                        "color: red");
        assertThat(post.bodyMarkdown()).contains("First paragraph with **bold** and a [map](https://example.org/map).");
    }

    @Test
    void multipartAlternativePrefersThePlainText() throws Exception {
        Person ann = signUp();
        send("alternative.eml", ann.address());

        BlogPost post = onlyPost(ann);
        assertThat(post.bodyMarkdown()).isEqualTo("The plain version wins.");
    }

    @Test
    void charsetsTransferEncodingsAndEncodedWordSubjectsAreDecoded() throws Exception {
        Person ann = signUp();
        send("iso-8859-1.eml", ann.address());
        send("encoded-word.eml", ann.address());
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            assertThat(smtp.send("ann@example.org", corpus("raw-utf8-subject.eml"), ann.address()).code()).isEqualTo(250);
        }

        List<BlogPost> posts = posts(ann);
        assertThat(posts).extracting(BlogPost::title)
                .containsExactlyInAnyOrder("Grüße aus Köln", "東京の夜 🌃 night", "Café am Meer – schön");
        assertThat(posts).extracting(BlogPost::bodyMarkdown).containsExactlyInAnyOrder(
                "Schöne Grüße aus Köln, über den Rhein.", "ネオンがきれいでした。 Neon everywhere.", "Kaffee und Kuchen.");
    }

    @Test
    void controlsMakeDraftsTagsAndScheduledPostsInTheAccountsZone() throws Exception {
        Person ann = signUp();
        send("controls.eml", ann.address());
        send("scheduled.eml", ann.address());

        List<BlogPost> posts = posts(ann);
        BlogPost draft = posts.stream().filter(post -> post.title().equals("Notes for later")).findFirst().orElseThrow();
        assertThat(draft.isDraft()).isTrue();
        BlogPost scheduled = posts.stream().filter(post -> post.title().equals("Christmas morning")).findFirst()
                .orElseThrow();
        // 09:00 in Berlin, where the account lives, is 08:00 UTC in winter.
        assertThat(scheduled.publishedAt()).isEqualTo(Instant.parse("2026-12-24T08:00:00Z"));
        assertThat(scheduled.tagList()).containsExactly("holidays");
        assertThat(scheduled.bodyMarkdown()).isEqualTo("Merry Christmas!");
    }

    @Test
    void theSameMessageTwiceMakesOnePost() throws Exception {
        Person ann = signUp();
        send("plain.eml", ann.address());
        send("plain.eml", ann.address());
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            assertThat(smtp.send("ann@example.org", corpus("no-message-id.eml"), ann.address()).code()).isEqualTo(250);
            assertThat(smtp.send("ann@example.org", corpus("no-message-id.eml"), ann.address()).code()).isEqualTo(250);
        }

        assertThat(posts(ann)).extracting(BlogPost::title).containsExactlyInAnyOrder("Lisbon in the rain", "Without an id");
    }

    @Test
    void aMessageLandsOnlyInTheBlogOfTheAddressItWasSentTo() throws Exception {
        Person ann = signUp();
        Person bob = signUp();
        send("plain.eml", ann.address());
        assertThat(posts(ann)).hasSize(1);
        assertThat(posts(bob)).isEmpty();
        assertThat(bob.browser().get("/blog").body()).doesNotContain("Lisbon in the rain");

        // One message to both: one post in each blog.
        send("alternative.eml", ann.address(), bob.address());
        assertThat(posts(ann)).hasSize(2);
        assertThat(onlyPost(bob).title()).isEqualTo("Both kinds");
    }

    @Test
    void recipientsAreCheckedWhenNamed() {
        Person ann = signUp();
        String retired = ann.address();
        ann.browser().post("/blog/email/address", Map.of());
        String current = MailinSettingsTest.addressOn(ann.browser());
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            assertThat(smtp.greeting().code()).isEqualTo(220);
            assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<ann@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + retired + ">").code()).as("a retired address").isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<p-abcdefghjk@localhost>").code()).as("an unknown address").isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<" + current.replace("@localhost", "@example.com") + ">").code())
                    .as("another domain: not a relay").isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<" + current.toUpperCase() + ">").code()).isEqualTo(250);
            for (int i = 1; i < 10; i++) {
                assertThat(smtp.command("RCPT TO:<" + current + ">").code()).isEqualTo(250);
            }
            assertThat(smtp.command("RCPT TO:<" + current + ">").code()).as("the 11th recipient").isEqualTo(452);
            assertThat(smtp.data(corpus("alternative.eml")).code()).isEqualTo(250);
        }
        assertThat(onlyPost(ann).title()).isEqualTo("Both kinds");
    }

    @Test
    void anOversizedMessageIsRefusedAndTheConnectionStaysInStep() {
        Person ann = signUp();
        StringBuilder big = new StringBuilder(new String(corpus("alternative.eml"), StandardCharsets.US_ASCII));
        String line = "x".repeat(998) + "\r\n";
        while (big.length() < 10_600_000) {
            big.append(line);
        }
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            assertThat(smtp.command("MAIL FROM:<ann@example.org> SIZE=20000000").code()).as("announced size").isEqualTo(552);
            SmtpDialog.Reply refused = smtp.send("ann@example.org", big.toString().getBytes(StandardCharsets.US_ASCII),
                    ann.address());
            assertThat(refused.code()).isEqualTo(552);
            assertThat(refused.text()).contains("10 MB");
            assertThat(smtp.send("ann@example.org", corpus("plain.eml"), ann.address()).code()).isEqualTo(250);
        }
        assertThat(onlyPost(ann).title()).isEqualTo("Lisbon in the rain");
    }

    @Test
    void unreadableMessagesAreRefusedAndDamagedOnesHeldWithAReason() {
        Person ann = signUp();
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            SmtpDialog.Reply deep = smtp.send("ann@example.org", corpus("malformed-nesting.eml"), ann.address());
            assertThat(deep.code()).isEqualTo(554);
            assertThat(deep.text()).contains("nested more than 10 deep");

            SmtpDialog.Reply truncated = smtp.send("ann@example.org", corpus("truncated.eml"), ann.address());
            assertThat(truncated.code()).isEqualTo(250);
            assertThat(truncated.text()).contains("held");
        }
        assertThat(posts(ann)).isEmpty();
        List<InboundMessage> held = inbox.held(ann.id()).collectList().block();
        assertThat(held).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("Cut short");
            assertThat(message.reason()).startsWith("The message is damaged");
        });
    }

    @Test
    void picturesGoToTheAlbumFromEmailAndIntoThePostOtherFilesAreNamed() throws Exception {
        Person ann = signUp();
        send("one-picture.eml", ann.address());
        send("attachments.eml", ann.address());

        BlogPost single = posts(ann).stream().filter(post -> post.title().equals("One picture")).findFirst().orElseThrow();
        assertThat(single.bodyMarkdown()).startsWith("Green field.\n\n![green.png](/shared/images/")
                .contains("/thumbnail/1280)");
        BlogPost gallery = posts(ann).stream().filter(post -> post.title().equals("Two pictures and a report"))
                .findFirst().orElseThrow();
        assertThat(gallery.bodyMarkdown()).startsWith("Look at these.")
                .containsPattern("\\[!\\[red.png]\\(/shared/images/[^)]+/thumbnail/320\\)]\\(/shared/images/[^)]+\\)")
                .contains("[![blue.png](", "*Not included from the email: report.pdf.*");

        var album = albums.albums(ann.id()).filter(found -> found.name().equals("From email")).single().block();
        assertThat(albums.images(ann.id(), album.id(), 1).block().items()).extracting(image -> image.originalName())
                .containsExactlyInAnyOrder("green.png", "red.png", "blue.png");
        String picture = gallery.bodyMarkdown().replaceFirst("(?s).*?\\((/shared/images/[^)/]+/thumbnail/320)\\).*", "$1");
        assertThat(new TestBrowser(client).getBytes(picture, new org.springframework.http.HttpHeaders()).getStatus().value())
                .as("the picture in the post shows to anyone: %s", picture).isEqualTo(200);
    }

    @Test
    void whenStoringFailsTheSenderIsToldToTryAgainLater() {
        Person ann = signUp();
        Person bob = signUp();
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            assertThat(smtp.command("MAIL FROM:<ann@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + ann.address() + ">").code()).isEqualTo(250);
            // The account goes away between RCPT and DATA: the post cannot be stored.
            accounts.delete(ann.id(), TwoAccounts.PASSWORD).block();
            SmtpDialog.Reply reply = smtp.data(corpus("one-picture.eml"));
            assertThat(reply.code()).isEqualTo(451);
            assertThat(reply.text()).contains("try again later");

            assertThat(smtp.send("ann@example.org", corpus("one-picture.eml"), bob.address()).code()).isEqualTo(250);
        }
        assertThat(onlyPost(bob).title()).isEqualTo("One picture");
    }

    @Test
    void theListenerStopsAndStartsWithTheApplication() {
        Person ann = signUp();
        int before = listener.port();
        assertThat(listener.isRunning()).isTrue();
        listener.stop();
        try {
            assertThat(listener.isRunning()).isFalse();
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", before).close())
                    .isInstanceOf(java.net.ConnectException.class);
        } finally {
            listener.start();
        }
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            assertThat(smtp.send("ann@example.org", corpus("alternative.eml"), ann.address()).code()).isEqualTo(250);
        }
        assertThat(onlyPost(ann).title()).isEqualTo("Both kinds");
    }

    @Test
    void oneClientGetsAFewConnectionsAtOnceNotMore() {
        List<SmtpDialog> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SmtpDialog dialog = new SmtpDialog(listener.port());
                open.add(dialog);
                assertThat(dialog.greeting().code()).isEqualTo(220);
            }
            try (SmtpDialog sixth = new SmtpDialog(listener.port())) {
                assertThat(sixth.greeting().code()).isEqualTo(421);
            } catch (UncheckedIOException closedAtOnce) {
                // Also a refusal: the server hung up.
            }
        } finally {
            open.forEach(SmtpDialog::close);
        }
    }

    @Test
    void theSameMessageFromTwoConnectionsAtOnceMakesOnePost() throws Exception {
        Person ann = signUp();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<Integer>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replies.add(pool.submit(() -> {
                    try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
                        return smtp.send("ann@example.org", corpus("plain.eml"), ann.address()).code();
                    }
                }));
            }
            for (java.util.concurrent.Future<Integer> reply : replies) {
                assertThat(reply.get()).isEqualTo(250);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(onlyPost(ann).title()).isEqualTo("Lisbon in the rain");
    }

    @Test
    void stoppingLetsAMessageInProgressFinishAndRefusesNewOnes() throws Exception {
        Person ann = signUp();
        int port = listener.port();
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (SmtpDialog smtp = new SmtpDialog(port)) {
            assertThat(smtp.command("MAIL FROM:<ann@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + ann.address() + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.write(new String(corpus("alternative.eml"), StandardCharsets.US_ASCII).strip()
                    .getBytes(StandardCharsets.US_ASCII));

            // SubEthaSMTP hands the message over once its first bytes are read: wait for that, or the stop
            // could come first and refuse it with 421.
            long patience = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (listener.messagesInProgress() == 0 && System.nanoTime() < patience) {
                Thread.sleep(10);
            }
            assertThat(listener.messagesInProgress()).isEqualTo(1);
            java.util.concurrent.Future<?> stopping = background.submit((Runnable) listener::stop);
            // The stop runs in the background: the late sender must come after it began.
            while (listener.isRunning() && System.nanoTime() < patience) {
                Thread.sleep(5);
            }
            try (SmtpDialog late = new SmtpDialog(port)) {
                assertThat(late.command("EHLO late.example").code()).isEqualTo(250);
                assertThat(late.command("MAIL FROM:<bob@example.org>").code()).isEqualTo(421);
            }
            assertThat(stopping.isDone()).as("waits for the message in progress").isFalse();

            assertThat(smtp.endData().code()).isEqualTo(250);
            stopping.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(listener.isRunning()).isFalse();
        } finally {
            background.shutdown();
            listener.start();
        }
        assertThat(onlyPost(ann).title()).isEqualTo("Both kinds");
    }
}
