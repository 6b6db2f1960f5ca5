package dev.modulo.accounts;

import dev.modulo.platform.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends account mail through the relay configured by {@code spring.mail.*}. Without a relay (one
 * machine, nobody to send through) the link is written to the log instead, so it still works.
 */
@Component
class AccountMailer {

    private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final AccountsProperties properties;

    AccountMailer(ObjectProvider<JavaMailSender> sender, AccountsProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /** Mails {@code link} to {@code to}; {@code purpose} says what the link is for, in the log. */
    Mono<Void> send(String to, String subject, String body, String purpose, String link) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.info("No mail relay configured (spring.mail.host): {} link for {}: {}", purpose, to, link);
            return Mono.empty();
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        // JavaMail speaks SMTP with blocking sockets.
        return Blocking.MAIL.run(() -> mail.send(message))
                .doOnSuccess(sent -> log.info("Sent {} mail to {}", purpose, to));
    }
}
