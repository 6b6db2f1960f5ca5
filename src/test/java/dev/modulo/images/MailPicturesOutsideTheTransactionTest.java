package dev.modulo.images;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.StorageQuota;
import dev.modulo.blog.BlogPost;
import dev.modulo.blog.BlogService;
import dev.modulo.mailin.MailinService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TwoAccounts;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blog by email stores its pictures before its transaction begins: while a mail's pictures are
 * being decoded, another request can still reserve storage on the same account (the row the
 * transaction locks once it reserves). The probe runs inside the real decoder, on its thread, at
 * the moment each picture is decoded; when the transaction spans the pictures, the account row is
 * locked by then (the first picture's reservation) and the probe's reservation ends in H2's lock
 * timeout instead.
 */
@ModuloIntegrationTest
@Import(MailPicturesOutsideTheTransactionTest.Probing.class)
class MailPicturesOutsideTheTransactionTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Probing {

        @Bean
        @Primary
        ProbingInspector probingInspector(ImagesProperties properties) {
            return new ProbingInspector(properties);
        }
    }

    /** The real inspector, which first runs the test's probe on the decoding thread. */
    static final class ProbingInspector extends ImageInspector {

        volatile Runnable probe;

        ProbingInspector(ImagesProperties properties) {
            super(properties);
        }

        @Override
        Inspection decode(Examined examined) {
            Runnable now = probe;
            if (now != null) {
                now.run();
            }
            return super.decode(examined);
        }
    }

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    StorageQuota quota;

    @Autowired
    MailinService mailin;

    @Autowired
    BlogService blog;

    @Autowired
    ProbingInspector inspector;

    @Autowired
    Environment environment;

    @Test
    void anotherRequestReservesStorageOnTheAccountWhileAMailsPicturesDecode() throws Exception {
        String name = TestBrowser.uniqueName("pictures");
        new TestBrowser(client).signUp(name, TwoAccounts.PASSWORD, "basic");
        long account = accounts.findByUsername(name).block().id();
        String address = mailin.settings(account).block().address();
        byte[] first = TestImages.png(1600, 1200, 1);
        byte[] second = TestImages.png(1600, 1200, 2);

        List<String> probes = new CopyOnWriteArrayList<>();
        inspector.probe = () -> {
            try {
                // What an upload in another tab does: reserve bytes on the account (one UPDATE of its row).
                quota.reserve(account, 1).then(quota.release(account, 1)).block(Duration.ofSeconds(30));
                probes.add("reserved");
            } catch (RuntimeException locked) {
                probes.add("failed: " + locked);
            }
        };
        try {
            send(address, first, second);
        } finally {
            inspector.probe = null;
        }

        assertThat(probes).containsExactly("reserved", "reserved");
        List<BlogPost> posts = blog.list(account, 1).block().posts();
        assertThat(posts).singleElement().satisfies(post -> assertThat(post.bodyMarkdown())
                .contains("[![one.png](", "[![two.png]("));
        assertThat(quota.usage(account).block().usedBytes()).as("both pictures, reserved once each")
                .isEqualTo(first.length + second.length);
    }

    private void send(String to, byte[]... pictures) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", environment.getProperty("local.mailin.port"));
        properties.put("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("ann@example.org"));
        message.setSubject("Two big pictures");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Look at these.", "UTF-8");
        parts.addBodyPart(text);
        String[] names = {"one.png", "two.png"};
        for (int i = 0; i < pictures.length; i++) {
            MimeBodyPart picture = new MimeBodyPart();
            picture.setDataHandler(new DataHandler(new ByteArrayDataSource(pictures[i], "image/png")));
            picture.setFileName(names[i]);
            parts.addBodyPart(picture);
        }
        message.setContent(parts);
        message.saveChanges();
        // Transport.send returns only on 250: the post is committed by then.
        Transport.send(message, new InternetAddress[] {new InternetAddress(to)});
    }
}
