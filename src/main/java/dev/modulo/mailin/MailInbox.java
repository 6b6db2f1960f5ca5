package dev.modulo.mailin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.modulo.blog.BlogPost;
import dev.modulo.blog.BlogService;
import dev.modulo.images.AlbumService;
import dev.modulo.images.ImageService;
import dev.modulo.images.PreparedImage;
import dev.modulo.images.UploadResult;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.GroupCommit;
import dev.modulo.platform.InvalidInput;
import dev.modulo.spam.SpamFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Mail that reached posting addresses: turning a message into a post (its pictures into the
 * image manager), holding what the owner should look at first, and the owner's held queue.
 *
 * <p>Pictures are decoded and their files written first, outside any transaction; then a post,
 * its pictures' rows and the record of the message are written in one short transaction: when
 * {@link #deliver} completes, all of it is committed; when it fails, none of it is visible (picture
 * files already written are swept later as unused, and no quota stays reserved).
 */
@Service
public class MailInbox {

    static final String ALBUM = "From email";

    /** Most messages whose rows share one commit: a group's transaction holds its rows until the last is written. */
    private static final int MAX_GROUP = 16;

    private static final Pattern TRACE_FIELD = Pattern.compile(
            "(received|return-path|delivered-to|x-[^:]*|dkim-signature|arc-[^:]*|authentication-results|received-spf)\\s*:",
            Pattern.CASE_INSENSITIVE);

    private static final Logger log = LoggerFactory.getLogger(MailInbox.class);

    private final InboundMessages messages;
    private final MailinService mailin;
    private final BlogService blog;
    private final ImageService images;
    private final AlbumService albums;
    private final TransactionalOperator transactions;
    private final GroupCommit commits;
    private final MailParser parser;
    private final SpamFilter spam;
    private final MailinProperties properties;
    private final SenderCheck senders;
    private final Clock clock;

    MailInbox(InboundMessages messages, MailinService mailin, BlogService blog, ImageService images,
            AlbumService albums, SpamFilter spam, TransactionalOperator transactions, MailinProperties properties,
            ObjectProvider<Clock> clock) {
        this.spam = spam;
        this.messages = messages;
        this.mailin = mailin;
        this.blog = blog;
        this.images = images;
        this.albums = albums;
        this.transactions = transactions;
        this.commits = new GroupCommit(transactions, MAX_GROUP);
        this.parser = new MailParser(properties.maxParts(), properties.maxDepth(), properties.maxMessageSize().toBytes());
        this.properties = properties;
        this.senders = new SenderCheck(properties.trustedAuthservIds());
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Makes a post of one message for one account, or holds it, or recognises it as one already
     * received (same Message-ID). Fails with {@link MalformedMail} for a message that cannot be read.
     */
    Mono<Delivery> deliver(long accountId, String envelopeSender, byte[] raw) {
        return Blocking.PARSING.call(() -> new Received(parser.parse(raw), key(raw)))
                .flatMap(received -> messages.findByAccountIdAndMessageId(accountId, received.key())
                        .map(Delivery::duplicate)
                        .switchIfEmpty(Mono.defer(() -> route(accountId, envelopeSender, received, raw))));
    }

    /** The account's held messages, newest first. */
    public Flux<InboundMessage> held(long accountId) {
        return messages.findHeld(accountId);
    }

    /** How many messages wait for the owner. */
    public Mono<Long> heldCount(long accountId) {
        return messages.countByAccountIdAndStatus(accountId, InboundMessage.Status.HELD.name());
    }

    /** One held message with its text, for its owner to decide on. */
    public Mono<HeldMail> heldMessage(long accountId, long messageId) {
        return messages.findByIdAndAccountId(messageId, accountId)
                .filter(InboundMessage::isHeld)
                .switchIfEmpty(Mono.error(HeldMessageNotFound::new))
                .flatMap(held -> Blocking.PARSING.call(() -> parser.parse(held.rawMessage()))
                        .map(mail -> new HeldMail(held, cap(mail.text(), 100_000), java.util.stream.Stream.concat(
                                mail.images().stream().map(ParsedMail.Attachment::name),
                                mail.otherAttachments().stream()).toList()))
                        .onErrorResume(MalformedMail.class, malformed -> Mono.just(new HeldMail(held,
                                malformed.getMessage(), List.of()))));
    }

    /** Publishes a held message as its owner chose to; answers the new post. */
    public Mono<BlogPost> publish(long accountId, long messageId) {
        return messages.findByIdAndAccountId(messageId, accountId)
                .filter(InboundMessage::isHeld)
                .switchIfEmpty(Mono.error(HeldMessageNotFound::new))
                .flatMap(held -> Blocking.PARSING.call(() -> parser.parse(held.rawMessage()))
                        .onErrorMap(MalformedMail.class, malformed -> InvalidInput.of("message", malformed.getMessage()))
                        .flatMap(mail -> prepare(accountId, mail)
                                .flatMap(pictures -> transactions.transactional(post(accountId, mail, pictures)
                                        // Published or discarded meanwhile (another click): undo this post.
                                        .flatMap(post -> messages.markPosted(held.id(), accountId, post.id())
                                                .filter(changed -> changed > 0)
                                                .switchIfEmpty(Mono.error(HeldMessageNotFound::new))
                                                .thenReturn(post))))
                                .flatMap(post -> learn(accountId, mail, false).thenReturn(post))));
    }

    /** Drops a held message: it will not be published, and a copy sent again stays dropped. */
    public Mono<Void> discard(long accountId, long messageId) {
        return messages.findByIdAndAccountId(messageId, accountId)
                .filter(InboundMessage::isHeld)
                .switchIfEmpty(Mono.error(HeldMessageNotFound::new))
                .flatMap(held -> messages.discard(messageId, accountId)
                        .filter(changed -> changed > 0)
                        .switchIfEmpty(Mono.error(HeldMessageNotFound::new))
                        .then(Blocking.PARSING.call(() -> parser.parse(held.rawMessage()))
                                .flatMap(mail -> learn(accountId, mail, true))
                                .onErrorResume(MalformedMail.class, unreadable -> Mono.empty())));
    }

    /** The owner's decision teaches their spam filter; a failure to learn does not undo the decision. */
    private Mono<Void> learn(long accountId, ParsedMail mail, boolean isSpam) {
        return spam.train(accountId, spamText(mail), isSpam)
                .onErrorResume(error -> !(error instanceof Error), error -> {
                    log.warn("Could not train the spam filter of account {}", accountId, error);
                    return Mono.empty();
                });
    }

    private static String spamText(ParsedMail mail) {
        String text = mail.subject() + "\n" + mail.text();
        return text.length() > 100_000 ? text.substring(0, 100_000) : text;
    }

    /**
     * Who may post (the allowed senders), whether the sender is believed ({@link SenderCheck}),
     * whether the message is whole, and what the spam filter says: mail that fails any waits for
     * its owner, with the reason. Every message is scored, from listed senders too: a listed
     * address proves nothing by itself.
     */
    private Mono<Delivery> route(long accountId, String envelopeSender, Received received, byte[] raw) {
        ParsedMail mail = received.mail();
        String sender = mail.from() != null ? mail.from() : envelopeSender == null ? "" : envelopeSender.toLowerCase(java.util.Locale.ROOT);
        return mailin.allowedSenders(accountId).flatMap(allowed -> {
            if (!allowed.isEmpty() && !allowed.contains(sender)) {
                return hold(accountId, received, sender, raw, "The sender " + (sender.isEmpty() ? "(none)" : sender)
                        + " is not one of your allowed senders.");
            }
            String doubt = senders.doubt(envelopeSender, mail);
            if (doubt != null) {
                return hold(accountId, received, sender, raw, doubt);
            }
            if (mail.damage() != null) {
                return hold(accountId, received, sender, raw, mail.damage());
            }
            return spam.score(accountId, spamText(mail)).flatMap(scored -> scored.spam()
                    ? hold(accountId, received, sender, raw, "This looks like spam (score " + scored.shown()
                            + " of 1). Publish it if it is not; your filter learns from either choice.")
                    : publishNew(accountId, received, sender)
                            .onErrorResume(InvalidInput.class, invalid -> hold(accountId, received, sender, raw,
                                    "The post could not be made: " + String.join(" ", invalid.fieldErrors().values()))));
        });
    }

    /**
     * Pictures first, outside any transaction (decoding, thumbnails, files); then one short
     * transaction for the rows: the pictures' images, the post and the record of the message. Messages
     * whose rows are ready while another's are being committed share the next commit
     * ({@link GroupCommit}): each is still acknowledged only once its rows are committed.
     */
    private Mono<Delivery> publishNew(long accountId, Received received, String sender) {
        return prepare(accountId, received.mail())
                .flatMap(pictures -> commits.run(post(accountId, received.mail(), pictures)
                                .flatMap(post -> messages.save(new InboundMessage(null, accountId, received.key(),
                                                cap(sender, 320), cap(received.mail().subject(), 1000),
                                                InboundMessage.Status.POSTED.name(), post.id(), null, null, now()))
                                        .thenReturn(Delivery.posted(post.id()))))
                        // The same message stored meanwhile by another connection: that is this delivery.
                        .onErrorResume(DataIntegrityViolationException.class, conflict -> duplicateOf(accountId,
                                received, conflict))
                        // Two posts with one title at once may both choose its address, and two messages
                        // with one picture both add it: the rows are written again, the pictures stay.
                        .retryWhen(Retry.max(3)
                                .filter(error -> isSlugConflict(error) || error instanceof DataIntegrityViolationException)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure())));
    }

    private Mono<Delivery> hold(long accountId, Received received, String sender, byte[] raw, String reason) {
        log.info("Holding a message for account {}: {}", accountId, reason);
        InboundMessage held = new InboundMessage(null, accountId, received.key(), cap(sender, 320),
                cap(received.mail().subject(), 1000), InboundMessage.Status.HELD.name(), null, cap(reason, 1000), raw,
                now());
        return heldCount(accountId)
                .flatMap(waiting -> waiting >= properties.maxHeld() ? Mono.<InboundMessage>error(new HeldMailFull())
                        : messages.save(held))
                .thenReturn(Delivery.held(reason))
                .onErrorResume(DataIntegrityViolationException.class, sameMessageMeanwhile -> duplicateOf(accountId,
                        received, sameMessageMeanwhile));
    }

    private Mono<Delivery> duplicateOf(long accountId, Received received, Throwable conflict) {
        return messages.findByAccountIdAndMessageId(accountId, received.key())
                .map(Delivery::duplicate)
                .switchIfEmpty(Mono.error(conflict));
    }

    /** The message's pictures stored and inspected, before any transaction (see {@link ImageService#prepare}). */
    private Mono<List<PreparedImage>> prepare(long accountId, ParsedMail mail) {
        return Flux.fromIterable(mail.images())
                .concatMap(picture -> images.prepare(accountId, picture.name(),
                        Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(picture.bytes()))))
                .collectList();
    }

    /** The post a message makes, with its pictures' rows. Joins the caller's transaction. */
    private Mono<BlogPost> post(long accountId, ParsedMail mail, List<PreparedImage> pictures) {
        return pictures(accountId, pictures)
                .flatMap(shown -> blog.create(accountId, MailToPost.draft(mail, shown)));
    }

    /** Records the pictures in the album "From email" and answers the Markdown that shows them. */
    private Mono<String> pictures(long accountId, List<PreparedImage> pictures) {
        if (pictures.isEmpty()) {
            return Mono.just("");
        }
        return Flux.fromIterable(pictures)
                .concatMap(picture -> images.record(accountId, picture))
                .collectList()
                .flatMap(results -> {
                    List<UploadResult> kept = results.stream().filter(UploadResult::ok).toList();
                    List<String> refused = results.stream().filter(result -> !result.ok())
                            .map(result -> result.fileName() + ": " + result.message()).toList();
                    return (kept.isEmpty() ? Mono.<List<String>>just(List.of()) : fromEmailAlbum(accountId)
                            .flatMapMany(albumId -> Flux.fromIterable(kept)
                                    .concatMap(result -> addToAlbum(accountId, albumId, result.imageId())
                                            .then(albums.shareImage(accountId, result.imageId()))
                                            .map(image -> markdownFor(result.fileName(), image.shareToken(), kept.size()))))
                            .collectList())
                            .map(shown -> gallery(shown, refused));
                });
    }

    private Mono<Long> fromEmailAlbum(long accountId) {
        return albums.albums(accountId)
                .filter(album -> album.name().equals(ALBUM))
                .next()
                .switchIfEmpty(Mono.defer(() -> albums.create(accountId, ALBUM)))
                .map(album -> album.id());
    }

    private Mono<Void> addToAlbum(long accountId, long albumId, long imageId) {
        return albums.containing(accountId, imageId)
                .any(album -> album.id() == albumId)
                .flatMap(already -> already ? Mono.<Void>empty() : albums.add(accountId, albumId, imageId));
    }

    /** One picture is shown large; several make a gallery of thumbnails, each linking to its picture. */
    private static String markdownFor(String name, String token, int count) {
        String alt = name.replaceAll("[\\[\\]\\\\]", "");
        if (count == 1) {
            return "![" + alt + "](/shared/images/" + token + "/thumbnail/1280)";
        }
        return "[![" + alt + "](/shared/images/" + token + "/thumbnail/320)](/shared/images/" + token + ")";
    }

    private static String gallery(List<String> shown, List<String> refused) {
        StringBuilder markdown = new StringBuilder(String.join("\n", shown));
        if (!refused.isEmpty()) {
            markdown.append(markdown.length() == 0 ? "" : "\n\n")
                    .append("*Pictures not kept: ")
                    .append(refused.stream().map(line -> line.replaceAll("[*_\\[\\]<\\\\]", "")).collect(Collectors.joining("; ")))
                    .append("*");
        }
        return markdown.toString();
    }

    private static boolean isSlugConflict(Throwable error) {
        return error instanceof InvalidInput invalid && invalid.fieldErrors().containsKey("slug");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String cap(String text, int length) {
        String value = text == null ? "" : text;
        return value.length() > length ? value.substring(0, length) : value;
    }

    /**
     * The digest that identifies a message without a Message-ID: of its bytes, less the trace
     * fields each relay adds (Received, Return-Path, DKIM and authentication results, X- fields), so
     * the same message sent again is recognised.
     */
    static String key(byte[] raw) throws Exception {
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        String header = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end);
        StringBuilder kept = new StringBuilder();
        for (String field : header.split("\n(?![ \t])")) {
            if (!TRACE_FIELD.matcher(field).lookingAt()) {
                kept.append(field).append('\n');
            }
        }
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((kept + body).getBytes(StandardCharsets.ISO_8859_1));
        return "sha256:" + HexFormat.of().formatHex(digest);
    }

    /** A parsed message and the digest of its bytes (its key when it has no usable Message-ID). */
    private record Received(ParsedMail mail, String digest) {

        String key() {
            String id = mail.messageId();
            return id == null || id.isBlank() || id.length() > 400 ? digest : id;
        }
    }
}
