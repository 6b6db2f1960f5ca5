package dev.modulo.accounts;

import dev.modulo.platform.Blocking;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Hands one mail to the relay configured by {@code spring.mail.*}, if there is one. */
@Component
class AccountMailer {

    private final ObjectProvider<JavaMailSender> sender;
    private final AccountsProperties properties;

    AccountMailer(ObjectProvider<JavaMailSender> sender, AccountsProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /** Whether {@code spring.mail.host} names a relay; without one, account mail goes to the log. */
    boolean relayConfigured() {
        return sender.getIfAvailable() != null;
    }

    Mono<Void> send(String to, String subject, String body) {
        JavaMailSender mail = sender.getObject();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        // JavaMail speaks SMTP with blocking sockets, bounded by the spring.mail.properties timeouts.
        return Blocking.MAIL.run(() -> mail.send(message));
    }
}
