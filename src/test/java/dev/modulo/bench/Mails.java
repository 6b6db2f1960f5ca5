package dev.modulo.bench;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** An SMTP client posting to a blog by email, as a mail server delivering to Modulo would. */
final class Mails {

    private Mails() {
    }

    /** Sends posts with a picture over one connection until {@code stop}; counts 250s and refusals. */
    static Void sendUntil(int port, String to, byte[] picture, AtomicLong sequence, HeadOfLineBenchmark.Counts counts,
            AtomicBoolean stop) throws MessagingException {
        Session session = session(port);
        Address[] recipients = {new InternetAddress(to)};
        Transport transport = session.getTransport("smtp");
        try {
            while (!stop.get()) {
                if (!transport.isConnected()) {
                    transport.connect();
                }
                long n = sequence.incrementAndGet();
                try {
                    transport.sendMessage(withPicture(session, n, Pictures.distinct(picture, n)), recipients);
                    counts.record(true, 250);
                } catch (SMTPSendFailedException refused) {
                    counts.record(false, refused.getReturnCode());
                } catch (MessagingException broken) {
                    counts.failed.incrementAndGet();
                    transport.close();
                }
            }
        } finally {
            transport.close();
        }
        return null;
    }

    static Session session(int port) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "120000");
        return Session.getInstance(properties);
    }

    /** A post with one attached picture, its own Message-ID and subject. */
    static MimeMessage withPicture(Session session, long n, byte[] jpeg) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<bench-" + n + "@example.org>");
            }
        };
        message.setFrom(new InternetAddress("bench@example.org"));
        message.setSubject("Picture post " + n);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("A picture from the benchmark, number " + n + ".\n\nIt was a fine day by the river.", "UTF-8");
        MimeBodyPart image = new MimeBodyPart();
        image.setContent(jpeg, "image/jpeg");
        image.setFileName("picture-" + n + ".jpg");
        image.setDisposition(MimeBodyPart.ATTACHMENT);
        message.setContent(new MimeMultipart(text, image));
        return message;
    }
}
