package dev.modulo.mailin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.modulo.platform.Blocking;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.ReadMemo;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An account's posting address and allowed senders. Every method is given the account. */
@Service
public class MailinService {

    static final int MAX_SENDERS = 50;

    /** Local parts: {@code p-} and 10 characters of 32 (50 random bits), no look-alikes (0/o, 1/l). */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Pattern LOCAL_PART = Pattern.compile("p-[a-z2-9]{10}");
    private static final Pattern SENDER = Pattern.compile("[^@\\s<>,;]{1,64}@[^@\\s<>,;]+\\.[^@\\s<>,;.]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MailinAddresses addresses;
    private final MailinSenders senders;
    private final MailinProperties properties;
    private final TransactionalOperator transactions;
    private final Clock clock;
    /**
     * Every message asks which account its address posts to and who may post there: each is read at
     * most once a second (an address by its local part, the senders by account). A change made here
     * takes effect at once; one made on another instance within a second.
     */
    private final ReadMemo<String, Long> accountsByLocalPart;
    private final ReadMemo<Long, List<String>> sendersByAccount;

    MailinService(MailinAddresses addresses, MailinSenders senders, MailinProperties properties,
            TransactionalOperator transactions, ObjectProvider<Clock> clock) {
        this.addresses = addresses;
        this.senders = senders;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.accountsByLocalPart = new ReadMemo<>(Duration.ofSeconds(1),
                localPart -> addresses.findByLocalPart(localPart).map(MailinAddress::accountId), found -> null,
                this.clock);
        this.sendersByAccount = new ReadMemo<>(Duration.ofSeconds(1),
                account -> senders.findByAccountId(account).map(MailinSender::address).collectList(), found -> null,
                this.clock);
    }

    /** The account's posting address and senders; the address is made the first time it is asked for. */
    public Mono<MailinSettings> settings(long accountId) {
        return address(accountId)
                .zipWith(allowedSenders(accountId))
                .map(both -> new MailinSettings(both.getT1().address(properties.domain()), both.getT2()));
    }

    /** Gives the account a new address; the old one is refused from this moment on. */
    public Mono<MailinSettings> regenerate(long accountId) {
        return address(accountId)
                .flatMap(old -> newLocalPart()
                        .flatMap(localPart -> addresses.replace(accountId, localPart, now()))
                        .then(Mono.fromRunnable(() -> accountsByLocalPart.forget(old.localPart()))))
                .then(settings(accountId));
    }

    /** Replaces the allowed senders with those typed (one per line, or separated by commas). */
    public Mono<MailinSettings> updateSenders(long accountId, String typed) {
        Set<String> cleaned = new LinkedHashSet<>();
        for (String part : (typed == null ? "" : typed).split("[\\s,;]+")) {
            String sender = part.strip().toLowerCase(Locale.ROOT);
            if (sender.startsWith("<") && sender.endsWith(">")) {
                sender = sender.substring(1, sender.length() - 1);
            }
            if (sender.isEmpty()) {
                continue;
            }
            if (sender.length() > 254 || !SENDER.matcher(sender).matches()) {
                return Mono.error(InvalidInput.of("senders", "This is not an email address: " + abbreviate(part) + "."));
            }
            cleaned.add(sender);
        }
        if (cleaned.size() > MAX_SENDERS) {
            return Mono.error(InvalidInput.of("senders", "List at most " + MAX_SENDERS + " senders."));
        }
        Instant now = now();
        Mono<Void> replace = senders.deleteByAccountId(accountId)
                .thenMany(Flux.fromIterable(cleaned)
                        .concatMap(sender -> senders.save(new MailinSender(null, accountId, sender, now))))
                .then();
        return transactions.transactional(replace.then(sendersByAccount.forgetAfterCommit(() -> accountId)))
                .then(settings(accountId));
    }

    /** Who may post by mail; empty means anyone who knows the address. */
    public Mono<List<String>> allowedSenders(long accountId) {
        return sendersByAccount.get(accountId);
    }

    /**
     * The account a recipient address posts to, if it is a current posting address of this
     * Modulo: the domain must be ours and the local part one that is in use now.
     */
    public Mono<Long> accountFor(String recipient) {
        return localPartOf(recipient)
                .map(accountsByLocalPart::get)
                .orElse(Mono.empty());
    }

    Optional<String> localPartOf(String recipient) {
        if (recipient == null) {
            return Optional.empty();
        }
        String address = recipient.strip().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0 || !address.substring(at + 1).equals(properties.domain().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String localPart = address.substring(0, at);
        return LOCAL_PART.matcher(localPart).matches() ? Optional.of(localPart) : Optional.empty();
    }

    private Mono<MailinAddress> address(long accountId) {
        return addresses.findByAccountId(accountId)
                .switchIfEmpty(Mono.defer(() -> newLocalPart()
                        .flatMap(localPart -> addresses.save(new MailinAddress(null, accountId, localPart, now())))
                        // Two first visits at once: the other one made it; use that.
                        .onErrorResume(DataIntegrityViolationException.class,
                                madeMeanwhile -> addresses.findByAccountId(accountId))));
    }

    private static Mono<String> newLocalPart() {
        return Blocking.FILES.call(() -> {
            StringBuilder local = new StringBuilder("p-");
            for (int i = 0; i < 10; i++) {
                local.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            return local.toString();
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() > 60 ? stripped.substring(0, 60) + "…" : stripped;
    }
}
