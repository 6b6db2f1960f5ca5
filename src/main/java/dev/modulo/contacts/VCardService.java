package dev.modulo.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.modulo.contacts.ContactRules.Checked;
import dev.modulo.contacts.ContactRules.DetailRow;
import dev.modulo.contacts.ImportReport.Line;
import dev.modulo.contacts.VCards.ReadCard;
import dev.modulo.contacts.VCards.UnreadableFile;
import dev.modulo.contacts.VCards.WritableCard;
import dev.modulo.platform.Batches;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.UploadedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** vCard files in (with a report of every card) and out. Every method is given the account it acts on. */
@Service
public class VCardService {

    private static final Logger log = LoggerFactory.getLogger(VCardService.class);
    /** Contacts read and written at once by an export (photos are small thumbnails). */
    static final int EXPORT_BATCH = 200;

    private final ContactService contacts;
    private final Contacts contactRows;
    private final ContactDetails details;
    private final ContactAddresses addresses;
    private final ContactPhotos photos;
    private final ContactsProperties properties;
    private final TransactionalOperator transactions;

    VCardService(ContactService contacts, Contacts contactRows, ContactDetails details, ContactAddresses addresses,
            ContactPhotos photos, ContactsProperties properties, TransactionalOperator transactions) {
        this.contacts = contacts;
        this.contactRows = contactRows;
        this.details = details;
        this.addresses = addresses;
        this.photos = photos;
        this.properties = properties;
        this.transactions = transactions;
    }

    // Import

    /** A card read and checked, ready to be saved, or with the reason it is skipped. */
    private record Prepared(int number, String name, ContactDraft draft, Checked valid, String uid, byte[] photo,
            List<String> notes, String reason) {
    }

    /**
     * Imports every card of a .vcf file in one transaction. A card that shares its UID, or its name
     * and an email or phone number, with a contact already there (or earlier in the file) is merged
     * into it; a card that cannot be imported is skipped with its reason. Never fails: a file that
     * cannot be imported at all comes back as a failed report, with nothing saved.
     *
     * <p>A card without a UID is known by one made from its content, so the same card imported
     * again is found. The UID is unique in the account: the same file imported several times at
     * once gives one contact per card, because an import that meets a contact another one stored
     * meanwhile runs its transaction again (and then merges into it).
     */
    public Mono<ImportReport> importFile(long accountId, String fileName, Flux<DataBuffer> content) {
        String name = fileName == null || fileName.isBlank() ? "the file" : fileName;
        long limit = properties.maxImportSize().toBytes();
        return UploadedFiles.join(content, (int) Math.min(limit, Integer.MAX_VALUE - 8))
                .flatMap(bytes -> bytes.length == 0
                        ? Mono.just(ImportReport.failed(name, "The file is empty; nothing was imported."))
                        : importBytes(accountId, name, bytes))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(ImportReport.failed(name,
                        "This file is larger than " + properties.maxImportSize().toMegabytes()
                                + " MB, the most accepted; nothing was imported. Split it into smaller files.")));
    }

    private Mono<ImportReport> importBytes(long accountId, String name, byte[] bytes) {
        return contacts.region(accountId)
                .flatMap(region -> Blocking.PARSING.call(() -> prepare(bytes, region)))
                .flatMap(prepared -> Mono.defer(() -> transactions.transactional(store(accountId, prepared)))
                        .retryWhen(Retry.backoff(8, java.time.Duration.ofMillis(20)).jitter(1.0)
                                .filter(VCardService::isConflict)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                        .flatMap(lines -> contacts.duplicates(accountId)
                                .map(groups -> report(name, prepared.size(), lines, groups.size()))))
                .onErrorResume(UnreadableFile.class, unreadable -> Mono.just(ImportReport.failed(name,
                        unreadable.getMessage() + " Nothing was imported.")))
                .onErrorResume(error -> !(error instanceof Error), error -> {
                    log.error("Import of {} for account {} failed", name, accountId, error);
                    return Mono.just(ImportReport.notSaved(name, "The contacts could not be saved; nothing was "
                            + "imported (the import is all or nothing). Please try again."));
                });
    }

    private List<Prepared> prepare(byte[] bytes, String region) {
        List<ReadCard> cards = VCards.read(bytes, properties.maxImportCards(), properties.maxPhotoSize().toBytes());
        List<Prepared> prepared = new ArrayList<>();
        for (ReadCard card : cards) {
            Map<String, String> errors = new LinkedHashMap<>();
            Checked valid = ContactRules.check(card.draft(), region, errors);
            String name = nameOf(card.draft());
            prepared.add(valid == null
                    ? new Prepared(card.number(), name, card.draft(), null, null, null, card.notes(),
                            reason(errors, card.draft()))
                    : new Prepared(card.number(), valid.displayName(), card.draft(), valid,
                            card.uid() != null ? card.uid() : contentUid(valid), card.photo(), card.notes(), null));
        }
        return prepared;
    }

    /** The UID of a card that has none: the same content, the same UID (so importing it again finds it). */
    static String contentUid(Checked valid) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(valid.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "urn:modulo:card:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Another import (or edit) stored the same contact meanwhile: a new try finds it. */
    private static boolean isConflict(Throwable error) {
        return error instanceof DuplicateKeyException || error instanceof OptimisticLockingFailureException
                || error instanceof PessimisticLockingFailureException;
    }

    private static String reason(Map<String, String> errors, ContactDraft draft) {
        if (errors.containsKey("displayName") && nameOf(draft).isEmpty()) {
            return "It has no name: no FN, N, NICKNAME or ORG.";
        }
        return errors.values().stream().collect(Collectors.joining(" "));
    }

    /** The card's name for the report (shortened), or empty when it has none. */
    private static String nameOf(ContactDraft draft) {
        for (String candidate : List.of(draft.displayName(), (draft.givenName() + " " + draft.familyName()).strip(),
                draft.nickname(), draft.organization())) {
            if (candidate != null && !candidate.isBlank()) {
                String name = candidate.strip();
                return name.length() > 80 ? name.substring(0, 80) + "…" : name;
            }
        }
        return "";
    }

    /** What is already there, to merge cards into: by UID, and by folded name with an email or phone. */
    private static final class Index {
        final Map<String, Long> byUid = new HashMap<>();
        final Map<String, Long> byNameAndKey = new HashMap<>();
        final Map<Long, String> names = new HashMap<>();

        void add(long contactId, String uid, String sortKey, String displayName, List<String> keys) {
            byUid.putIfAbsent(uid, contactId);
            names.put(contactId, displayName);
            for (String key : keys) {
                byNameAndKey.putIfAbsent(sortKey + "\n" + key, contactId);
            }
        }

        Long find(Prepared card) {
            if (card.uid() != null && byUid.containsKey(card.uid())) {
                return byUid.get(card.uid());
            }
            for (String key : keysOf(card.valid().details())) {
                Long found = byNameAndKey.get(card.valid().sortKey() + "\n" + key);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
    }

    private static List<String> keysOf(List<DetailRow> rows) {
        List<String> keys = new ArrayList<>();
        for (DetailRow row : rows) {
            if (ContactDetail.EMAIL.equals(row.kind())) {
                keys.add("email:" + row.searchValue());
            } else if (ContactDetail.PHONE.equals(row.kind()) && row.e164() != null) {
                keys.add("tel:" + row.e164());
            }
        }
        return keys;
    }

    private Mono<List<Line[]>> store(long accountId, List<Prepared> prepared) {
        return index(accountId).flatMap(index -> Flux.fromIterable(prepared)
                .concatMap(card -> storeOne(accountId, card, index))
                .collectList());
    }

    private Mono<Index> index(long accountId) {
        return Mono.zip(contactRows.findAllForExport(accountId).collectList(),
                        details.findMatchKeys(accountId).collectList())
                .map(found -> {
                    Map<Long, List<String>> keys = new HashMap<>();
                    for (ContactDetail detail : found.getT2()) {
                        keys.computeIfAbsent(detail.contactId(), id -> new ArrayList<>()).add(
                                ContactDetail.EMAIL.equals(detail.kind()) ? "email:" + detail.searchValue()
                                        : "tel:" + detail.e164());
                    }
                    Index index = new Index();
                    for (Contact contact : found.getT1()) {
                        index.add(contact.id(), contact.uid(), contact.sortKey(), contact.displayName(),
                                keys.getOrDefault(contact.id(), List.of()));
                    }
                    return index;
                });
    }

    /** Saves one card: [imported, merged, skipped], one of them set. */
    private Mono<Line[]> storeOne(long accountId, Prepared card, Index index) {
        if (card.reason() != null) {
            List<String> notes = new ArrayList<>(card.notes());
            notes.add(0, card.reason());
            return Mono.just(new Line[] {null, null, new Line(card.number(), card.name(), null, notes)});
        }
        Long target = index.find(card);
        if (target != null) {
            String into = index.names.get(target);
            return contacts.mergeInto(accountId, target, card.draft(), card.photo())
                    .map(merged -> {
                        List<String> notes = new ArrayList<>(card.notes());
                        notes.add(0, "Merged into “" + into + "”.");
                        return new Line[] {null, new Line(card.number(), card.name(), merged.id(), notes), null};
                    })
                    .onErrorResume(dev.modulo.platform.InvalidInput.class, invalid -> {
                        List<String> notes = new ArrayList<>(card.notes());
                        notes.add(0, "It could not be merged into “" + into + "”: "
                                + String.join(" ", invalid.fieldErrors().values()));
                        return Mono.just(new Line[] {null, null, new Line(card.number(), card.name(), null, notes)});
                    });
        }
        String uid = card.uid();
        return contacts.insert(accountId, card.valid(), uid)
                .flatMap(saved -> (card.photo() == null ? Mono.<Void>empty()
                        : contacts.savePhoto(saved, "image/jpeg", card.photo())).thenReturn(saved))
                .map(saved -> {
                    index.add(saved.id(), uid, saved.sortKey(), saved.displayName(), keysOf(card.valid().details()));
                    return new Line[] {new Line(card.number(), card.name(), saved.id(), card.notes()), null, null};
                });
    }

    private static ImportReport report(String name, int cards, List<Line[]> lines, int duplicateGroups) {
        return new ImportReport(name, cards, column(lines, 0), column(lines, 1), column(lines, 2), null, false,
                duplicateGroups);
    }

    private static List<Line> column(List<Line[]> lines, int column) {
        return lines.stream().map(line -> line[column]).filter(line -> line != null).toList();
    }


    // Export

    /**
     * All contacts, or those with {@code tag} (any case), as one .vcf file, streamed: read and written
     * {@value #EXPORT_BATCH} contacts at a time (with their photos), in the order of the list.
     */
    public Flux<DataBuffer> export(long accountId, String tag, VCardFormat format) {
        String wanted = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        return Batches.<Contact>after(EXPORT_BATCH, last -> last == null
                        ? contactRows.findFirstForExport(accountId, EXPORT_BATCH)
                        : contactRows.findForExportAfter(accountId, last.sortKey(), last.id(), EXPORT_BATCH))
                .map(batch -> batch.stream().filter(contact -> wanted.isEmpty() || contact.tagList().stream()
                        .anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(wanted))).toList())
                .filter(batch -> !batch.isEmpty())
                .concatMap(batch -> cards(accountId, batch)
                        .flatMap(cards -> Blocking.PARSING.call(() -> VCards.write(cards, format.version())))
                        .map(Batches::utf8));
    }

    /** Contacts with their addresses, numbers and photos, for writing. */
    private Mono<List<WritableCard>> cards(long accountId, List<Contact> batch) {
        List<Long> ids = batch.stream().map(Contact::id).toList();
        return Mono.zip(details.findOfContacts(ids, accountId).collectList(),
                        addresses.findOfContacts(ids, accountId).collectList(),
                        photos.findOfContacts(ids, accountId).collectList())
                .map(found -> {
                    Map<Long, List<ContactDetail>> detailsOf = grouped(found.getT1(), ContactDetail::contactId);
                    Map<Long, List<ContactAddress>> addressesOf = grouped(found.getT2(), ContactAddress::contactId);
                    Map<Long, byte[]> photoOf = found.getT3().stream()
                            .collect(Collectors.toMap(ContactPhoto::contactId, ContactPhoto::bytes, (a, b) -> a));
                    return batch.stream()
                            .map(contact -> new WritableCard(ContactService.card(contact,
                                    detailsOf.getOrDefault(contact.id(), List.of()),
                                    addressesOf.getOrDefault(contact.id(), List.of()), photoOf.containsKey(contact.id())),
                                    photoOf.get(contact.id())))
                            .toList();
                });
    }

    /** One contact as a .vcf file. */
    public Mono<String> exportOne(long accountId, long contactId, VCardFormat format) {
        return contacts.card(accountId, contactId)
                .flatMap(card -> photos.findByContactIdAndAccountId(contactId, accountId)
                        .map(ContactPhoto::bytes)
                        .map(bytes -> new WritableCard(card, bytes))
                        .defaultIfEmpty(new WritableCard(card, null)))
                .flatMap(card -> Blocking.PARSING.call(() -> VCards.write(List.of(card), format.version())));
    }

    private static <T> Map<Long, List<T>> grouped(List<T> rows, Function<T, Long> key) {
        Map<Long, List<T>> grouped = new HashMap<>();
        for (T row : rows) {
            grouped.computeIfAbsent(key.apply(row), id -> new ArrayList<>()).add(row);
        }
        return grouped;
    }
}
