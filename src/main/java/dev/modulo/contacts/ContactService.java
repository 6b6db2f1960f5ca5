package dev.modulo.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountService;
import dev.modulo.contacts.ContactDraft.AddressEntry;
import dev.modulo.contacts.ContactRules.Checked;
import dev.modulo.contacts.ContactRules.DetailRow;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.UploadedFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** People and every way to reach them. Every method is given the account it acts on. */
@Service
public class ContactService {

    /** Most contacts one page lists; the letters and the search reach the rest. */
    public static final int LIST_LIMIT = 1000;
    /** Most contacts one search shows. */
    public static final int SEARCH_LIMIT = 200;
    static final int MAX_QUERY = 200;

    private final Contacts contacts;
    private final ContactDetails details;
    private final ContactAddresses addresses;
    private final ContactPhotos photos;
    private final ContactSearch search;
    private final AccountService accounts;
    private final ContactsProperties properties;
    private final TransactionalOperator transactions;
    private final Clock clock;

    ContactService(Contacts contacts, ContactDetails details, ContactAddresses addresses, ContactPhotos photos,
            ContactSearch search, AccountService accounts, ContactsProperties properties, TransactionalOperator transactions,
            ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.contacts = contacts;
        this.details = details;
        this.addresses = addresses;
        this.photos = photos;
        this.search = search;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Favourites first, then alphabetically; with a letter (A–Z or #), only those under it. */
    public Flux<Contact> list(long accountId, String letter) {
        if (letter == null || letter.isBlank()) {
            return contacts.findAllSorted(accountId, LIST_LIMIT);
        }
        String upper = letter.strip().toUpperCase(java.util.Locale.ROOT);
        boolean isLetter = upper.length() == 1 && upper.charAt(0) >= 'A' && upper.charAt(0) <= 'Z';
        return contacts.findUnderLetter(accountId, isLetter ? upper : "#", LIST_LIMIT);
    }

    public Mono<Long> count(long accountId) {
        return contacts.countOwned(accountId);
    }

    /**
     * Finds people by any part of their name, nickname, organisation, title, tag or email, and by
     * phone number written any way (read in the account's phone region).
     */
    public Flux<Contact> search(long accountId, String query) {
        // Cleaned like any stored text: PostgreSQL refuses a NUL in a parameter.
        String typed = ContactRules.clean(query);
        if (typed.isEmpty()) {
            return Flux.empty();
        }
        if (typed.length() > MAX_QUERY) {
            typed = typed.substring(0, MAX_QUERY);
        }
        String asTyped = typed;
        if (!PhoneNumbers.looksLikePhone(asTyped)) {
            return search.search(accountId, List.of(ContactSearch.queryWords(asTyped)), SEARCH_LIMIT);
        }
        // A number: its digits anywhere in a stored number (every stored number is indexed by the
        // endings of its digits, as typed and in E.164), or the same number however written.
        List<String> digits = List.of(PhoneNumbers.digits(asTyped));
        return region(accountId)
                // libphonenumber reads its metadata from the class path the first time a region is used.
                .flatMap(region -> Blocking.PARSING.call(() -> PhoneNumbers.e164(asTyped, region).orElse("")))
                .flatMapMany(e164 -> search.search(accountId, e164.isEmpty() ? List.of(digits)
                        : List.of(digits, List.of(PhoneNumbers.digits(e164))), SEARCH_LIMIT));
    }

    public Mono<Contact> find(long accountId, long contactId) {
        return contacts.findByIdAndAccountId(contactId, accountId)
                .switchIfEmpty(Mono.error(ContactNotFound::new));
    }

    /** The contact with its emails, phones, web and postal addresses. */
    public Mono<ContactCard> card(long accountId, long contactId) {
        return find(accountId, contactId).flatMap(contact -> Mono.zip(
                        details.findOfContact(contactId, accountId).collectList(),
                        addresses.findOfContact(contactId, accountId).collectList(),
                        photos.countOfContact(contactId, accountId))
                .map(found -> card(contact, found.getT1(), found.getT2(), found.getT3() > 0)));
    }

    public Mono<Contact> create(long accountId, ContactDraft draft) {
        return checked(accountId, draft)
                .flatMap(valid -> transactions.transactional(insert(accountId, valid, newUid())));
    }

    public Mono<Contact> update(long accountId, long contactId, ContactDraft draft) {
        return update(accountId, contactId, draft, null);
    }

    /**
     * Saves the edit form over the contact as it was when the form was shown ({@code version};
     * null: as it is now). When another save (or the favourite star) came in between, nothing
     * changes and {@link ChangedElsewhere} says so.
     */
    public Mono<Contact> update(long accountId, long contactId, ContactDraft draft, Long version) {
        return find(accountId, contactId)
                .flatMap(existing -> checked(accountId, draft)
                        .flatMap(valid -> transactions.transactional(replace(
                                version == null ? existing : existing.withVersion(version), valid))))
                .onErrorMap(OptimisticLockingFailureException.class, conflict -> new ChangedElsewhere());
    }

    public Mono<Void> delete(long accountId, long contactId) {
        return find(accountId, contactId).flatMap(contact -> contacts.deleteOwned(contact.id(), accountId)).then();
    }

    public Mono<Contact> setFavourite(long accountId, long contactId, boolean favourite) {
        return find(accountId, contactId)
                .flatMap(contact -> contacts.updateFavourite(contact.id(), accountId, favourite)
                        .thenReturn(contact.withFavourite(favourite)));
    }

    /** The contact's photo, or empty when it has none. */
    public Mono<ContactPhoto> photo(long accountId, long contactId) {
        return find(accountId, contactId).then(photos.findByContactIdAndAccountId(contactId, accountId));
    }

    /**
     * Sets the contact's photo from an uploaded picture (JPEG, PNG, GIF or BMP), kept as a JPEG of
     * at most 160 pixels a side; a file that is too large or not a picture is refused with a message.
     */
    public Mono<Void> setPhoto(long accountId, long contactId, Flux<DataBuffer> content) {
        long limit = properties.maxPhotoSize().toBytes();
        return find(accountId, contactId)
                .flatMap(contact -> UploadedFiles.join(content, (int) Math.min(limit, Integer.MAX_VALUE - 8))
                        .flatMap(bytes -> Blocking.IMAGES.call(() -> bytes.length == 0 ? new byte[0] : VCards.thumbnail(bytes)))
                        .defaultIfEmpty(new byte[0])
                        .flatMap(thumbnail -> thumbnail.length == 0
                                ? Mono.error(InvalidInput.of("photo",
                                        "That is not a picture Modulo can read: choose a JPEG, PNG, GIF or BMP file."))
                                : savePhoto(contact, "image/jpeg", thumbnail)))
                .onErrorMap(DataBufferLimitException.class, tooLarge -> InvalidInput.of("photo",
                        "The photo is larger than " + properties.maxPhotoSize().toMegabytes() + " MB, the most accepted."));
    }

    public Mono<Void> removePhoto(long accountId, long contactId) {
        return find(accountId, contactId).flatMap(contact -> photos.deleteOfContact(contact.id(), accountId)).then();
    }


    // Duplicates and merging

    /** Groups of contacts that share an email address or a normalised phone number. */
    public Mono<List<DuplicateGroup>> duplicates(long accountId) {
        return details.findMatchKeys(accountId).collectList().flatMap(rows -> {
            Map<String, java.util.Set<Long>> byKey = new LinkedHashMap<>();
            for (ContactDetail row : rows) {
                String key = ContactDetail.EMAIL.equals(row.kind()) ? row.searchValue() : row.e164();
                byKey.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(row.contactId());
            }
            // Union-find over contacts that share a key.
            Map<Long, Long> parent = new HashMap<>();
            Map<Long, java.util.Set<String>> sharedOf = new HashMap<>();
            byKey.forEach((key, ids) -> {
                if (ids.size() < 2) {
                    return;
                }
                Long first = ids.iterator().next();
                for (Long id : ids) {
                    union(parent, first, id);
                }
                sharedOf.computeIfAbsent(first, id -> new java.util.LinkedHashSet<>()).add(key);
            });
            if (parent.isEmpty()) {
                return Mono.just(List.<DuplicateGroup>of());
            }
            Map<Long, List<Long>> groups = new java.util.TreeMap<>();
            for (Long id : new java.util.TreeSet<>(parent.keySet())) {
                groups.computeIfAbsent(root(parent, id), r -> new ArrayList<>()).add(id);
            }
            Map<Long, java.util.Set<String>> sharedByGroup = new HashMap<>();
            sharedOf.forEach((id, keys) -> sharedByGroup.computeIfAbsent(root(parent, id),
                    r -> new java.util.LinkedHashSet<>()).addAll(keys));
            // Only the contacts in groups are read, a thousand at a time.
            List<Long> grouped = groups.values().stream().filter(ids -> ids.size() > 1).flatMap(List::stream).toList();
            return Flux.range(0, (grouped.size() + 999) / 1000)
                    .concatMap(chunk -> contacts.findAllOfAccountById(accountId,
                            grouped.subList(chunk * 1000, Math.min(grouped.size(), chunk * 1000 + 1000))))
                    .collectMap(Contact::id).map(byId -> groups.entrySet().stream()
                    .filter(group -> group.getValue().size() > 1)
                    .map(group -> new DuplicateGroup(group.getValue().stream().map(byId::get)
                            .filter(java.util.Objects::nonNull).toList(),
                            List.copyOf(sharedByGroup.getOrDefault(group.getKey(), java.util.Set.of()))))
                    .filter(group -> group.contacts().size() > 1)
                    .toList());
        });
    }

    private static void union(Map<Long, Long> parent, Long a, Long b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        Long rootA = root(parent, a);
        Long rootB = root(parent, b);
        if (!rootA.equals(rootB)) {
            parent.put(Math.max(rootA, rootB), Math.min(rootA, rootB));
        }
    }

    private static Long root(Map<Long, Long> parent, Long id) {
        Long current = id;
        while (!parent.get(current).equals(current)) {
            current = parent.get(current);
        }
        return current;
    }

    /**
     * Merges contacts into the oldest of them, keeping every distinct value (names and dates of the
     * oldest win where both have one), then deletes the others. Any id not this account's → not found.
     */
    public Mono<Contact> merge(long accountId, List<Long> contactIds) {
        List<Long> ids = contactIds.stream().distinct().sorted().toList();
        return Flux.fromIterable(ids)
                .concatMap(id -> card(accountId, id))
                .collectList()
                .flatMap(cards -> {
                    if (cards.size() < 2) {
                        return Mono.error(InvalidInput.of("merge", "Choose at least two contacts to merge."));
                    }
                    List<ContactDraft> drafts = cards.stream().map(ContactDraft::of).toList();
                    return mergedAndChecked(accountId, drafts).flatMap(valid -> transactions.transactional(
                            replace(cards.get(0).contact(), valid)
                                    .flatMap(kept -> photoFromOthers(kept, cards)
                                            .then(Flux.fromIterable(cards.subList(1, cards.size()))
                                                    .concatMap(other -> contacts.deleteOwned(other.id(), accountId))
                                                    .then())
                                            .thenReturn(kept))));
                })
                .onErrorMap(OptimisticLockingFailureException.class, conflict -> new ChangedElsewhere());
    }

    /** Merges an imported card into a contact (the caller holds the transaction). */
    Mono<Contact> mergeInto(long accountId, long targetId, ContactDraft incoming, byte[] photo) {
        return card(accountId, targetId).flatMap(card -> mergedAndChecked(accountId,
                        List.of(ContactDraft.of(card), incoming))
                .flatMap(valid -> replace(card.contact(), valid))
                .flatMap(kept -> photo == null || card.hasPhoto() ? Mono.just(kept)
                        : savePhoto(kept, "image/jpeg", photo).thenReturn(kept)));
    }

    private Mono<Checked> mergedAndChecked(long accountId, List<ContactDraft> drafts) {
        return region(accountId).flatMap(region -> Blocking.PARSING.call(() -> {
            Map<String, String> errors = new LinkedHashMap<>();
            Checked valid = ContactRules.check(Merging.merge(drafts, region), region, errors);
            if (valid == null) {
                throw new InvalidInput(errors);
            }
            return valid;
        }));
    }

    private Mono<Void> photoFromOthers(Contact kept, List<ContactCard> cards) {
        if (cards.get(0).hasPhoto()) {
            return Mono.empty();
        }
        return Flux.fromIterable(cards.subList(1, cards.size()))
                .filter(ContactCard::hasPhoto)
                .next()
                .flatMap(other -> photos.findByContactIdAndAccountId(other.id(), kept.accountId()))
                .flatMap(photo -> savePhoto(kept, photo.mediaType(), photo.bytes()));
    }

    // Shared by import, export and merging.

    Mono<String> region(long accountId) {
        return accounts.find(accountId).map(Account::phoneRegion);
    }

    private Mono<Checked> checked(long accountId, ContactDraft draft) {
        return region(accountId).flatMap(region -> Blocking.PARSING.call(() -> {
            // Blocking: libphonenumber reads its metadata from the class path the first time a region is used.
            Map<String, String> errors = new LinkedHashMap<>();
            Checked valid = ContactRules.check(draft, region, errors);
            if (valid == null) {
                throw new InvalidInput(errors);
            }
            return valid;
        }));
    }

    static String newUid() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    /** Inserts a checked contact with its rows (the caller holds the transaction). */
    Mono<Contact> insert(long accountId, Checked valid, String uid) {
        Instant now = clock.instant();
        return contacts.save(contact(null, accountId, uid, valid, now, now, null))
                .flatMap(saved -> saveRows(saved, valid).thenReturn(saved));
    }

    /**
     * Replaces a contact's fields and rows with a checked draft's, if the contact is still at
     * {@code existing}'s version (else {@link OptimisticLockingFailureException}; the caller holds
     * the transaction). The contact row is written first: its lock keeps a concurrent replace
     * waiting until this one commits, so the two never interleave their emails and addresses.
     */
    Mono<Contact> replace(Contact existing, Checked valid) {
        Contact changed = contact(existing.id(), existing.accountId(), existing.uid(), valid, existing.createdAt(),
                clock.instant(), existing.version());
        return contacts.save(changed)
                .flatMap(saved -> details.deleteOfContact(existing.id(), existing.accountId())
                        .then(addresses.deleteOfContact(existing.id(), existing.accountId()))
                        .then(search.unindex(existing.accountId(), existing.id()))
                        .then(saveRows(saved, valid))
                        .thenReturn(saved));
    }

    Mono<Void> savePhoto(Contact contact, String mediaType, byte[] bytes) {
        // One transaction: a failed insert must not leave the contact without its old photo.
        return transactions.transactional(photos.deleteOfContact(contact.id(), contact.accountId())
                .then(photos.save(new ContactPhoto(null, contact.accountId(), contact.id(), mediaType, bytes))))
                .then();
    }

    private Mono<Void> saveRows(Contact saved, Checked valid) {
        List<ContactDetail> detailRows = new ArrayList<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (DetailRow row : valid.details()) {
            int position = positions.merge(row.kind(), 1, Integer::sum);
            detailRows.add(new ContactDetail(null, saved.accountId(), saved.id(), row.kind(), row.type(), row.label(),
                    row.value(), row.e164(), row.searchValue(), position));
        }
        List<ContactAddress> addressRows = new ArrayList<>();
        int position = 0;
        for (AddressEntry entry : valid.addresses()) {
            addressRows.add(new ContactAddress(null, saved.accountId(), saved.id(), entry.type(), entry.label(),
                    entry.street(), entry.locality(), entry.region(), entry.postalCode(), entry.country(), ++position));
        }
        return details.saveAll(detailRows)
                .then(addresses.saveAll(addressRows).then())
                .then(search.index(saved.accountId(), saved.id(), ContactSearch.words(valid)));
    }

    private static Contact contact(Long id, long accountId, String uid, Checked valid, Instant createdAt,
            Instant updatedAt, Long version) {
        return new Contact(id, accountId, uid, valid.displayName(), valid.prefix(), valid.givenName(),
                valid.middleName(), valid.familyName(), valid.suffix(), valid.nickname(), valid.organization(),
                valid.title(), valid.birthday(), valid.anniversary(), valid.notes(), String.join(",", valid.tags()),
                valid.favourite(), valid.sortKey(), ContactText.letterOf(valid.sortKey()), valid.searchText(), createdAt,
                updatedAt, version);
    }

    static ContactCard card(Contact contact, List<ContactDetail> rows, List<ContactAddress> postal, boolean hasPhoto) {
        return new ContactCard(contact, ofKind(rows, ContactDetail.EMAIL), ofKind(rows, ContactDetail.PHONE),
                ofKind(rows, ContactDetail.URL), postal, hasPhoto);
    }

    private static List<ContactDetail> ofKind(List<ContactDetail> rows, String kind) {
        return rows.stream().filter(row -> kind.equals(row.kind())).toList();
    }
}
