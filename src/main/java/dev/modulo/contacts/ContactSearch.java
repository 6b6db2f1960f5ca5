package dev.modulo.contacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.modulo.contacts.ContactRules.Checked;
import dev.modulo.contacts.ContactRules.DetailRow;
import org.springframework.data.r2dbc.convert.R2dbcConverter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Contact search through an index of words ({@code contact_search_word}): every word of a contact's
 * names, nickname, organisation, title, tags and email addresses (folded: lower case, no accents),
 * and every ending of its phone numbers' digits, so a search for the start of any word, or for any
 * run of a number's digits, is one index range per word typed instead of a scan of every contact.
 *
 * <p>Words are kept as their UTF-8 bytes: "starts with" is then the byte range [word, word + 0xFF),
 * which every database orders the same way, whatever its collation (a LIKE 'word%' cannot use an
 * ordinary index on PostgreSQL outside the C locale). UTF-8 never contains the byte 0xFF.
 */
@Component
class ContactSearch {

    /** Words kept per word typed or stored, at most. */
    static final int MAX_WORD = 60;
    /** Words indexed per contact, at most (50 phones of 15 digits stay within it). */
    static final int MAX_WORDS = 1000;
    /** Words of a search that are looked up (the longest ones). */
    static final int MAX_QUERY_WORDS = 6;
    /** The shortest ending of a phone number's digits that is indexed. */
    static final int MIN_DIGITS = 3;

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int INSERT_ROWS = 200;

    private final DatabaseClient db;
    private final R2dbcConverter converter;

    ContactSearch(DatabaseClient db, R2dbcConverter converter) {
        this.db = db;
        this.converter = converter;
    }

    // The words

    /** The words a contact is found by. */
    static List<String> words(Checked valid) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : List.of(valid.displayName(), valid.prefix(), valid.givenName(), valid.middleName(),
                valid.familyName(), valid.suffix(), valid.nickname(), valid.organization(), valid.title(),
                String.join(" ", valid.tags()))) {
            words.addAll(split(text));
        }
        for (DetailRow row : valid.details()) {
            if (ContactDetail.EMAIL.equals(row.kind())) {
                words.addAll(split(row.value()));
            } else if (ContactDetail.PHONE.equals(row.kind())) {
                endings(PhoneNumbers.digits(row.value()), words);
                endings(row.e164() == null ? "" : PhoneNumbers.digits(row.e164()), words);
            }
        }
        return words.stream().limit(MAX_WORDS).toList();
    }

    /** The words of a search, longest first (the longest narrows the search most). */
    static List<String> queryWords(String typed) {
        return split(typed).stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .limit(MAX_QUERY_WORDS)
                .toList();
    }

    /** Folded words of a text: letters and digits, split at everything else. */
    static List<String> split(String text) {
        return Arrays.stream(NOT_A_WORD.split(ContactText.fold(text)))
                .filter(word -> !word.isEmpty())
                .map(word -> word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word)
                .distinct()
                .toList();
    }

    /** Every ending of a number's digits, so that a search for any run of them is a search for a start. */
    private static void endings(String digits, Set<String> words) {
        for (int start = 0; start + MIN_DIGITS <= digits.length(); start++) {
            String ending = digits.substring(start);
            words.add(ending.length() > MAX_WORD ? ending.substring(0, MAX_WORD) : ending);
        }
    }

    static byte[] bytes(String word) {
        return word.getBytes(StandardCharsets.UTF_8);
    }

    /** The first byte string after every word that starts with {@code word}. */
    static byte[] after(String word) {
        byte[] start = bytes(word);
        byte[] end = Arrays.copyOf(start, start.length + 1);
        end[start.length] = (byte) 0xFF;
        return end;
    }

    // Keeping the index (the caller holds the transaction)

    Mono<Void> index(long accountId, long contactId, List<String> words) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < words.size(); i += INSERT_ROWS) {
            chunks.add(words.subList(i, Math.min(words.size(), i + INSERT_ROWS)));
        }
        return Flux.fromIterable(chunks).concatMap(chunk -> insert(accountId, contactId, chunk)).then();
    }

    Mono<Void> unindex(long accountId, long contactId) {
        return db.sql("DELETE FROM contact_search_word WHERE contact_id = :contactId AND account_id = :accountId")
                .bind("contactId", contactId)
                .bind("accountId", accountId)
                .then();
    }

    private Mono<Void> insert(long accountId, long contactId, List<String> words) {
        StringBuilder sql = new StringBuilder("INSERT INTO contact_search_word (account_id, contact_id, word) VALUES ");
        for (int i = 0; i < words.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:accountId, :contactId, :w").append(i).append(')');
        }
        // Bound all at once: each bind() copies the bindings made so far.
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("accountId", accountId);
        bindings.put("contactId", contactId);
        for (int i = 0; i < words.size(); i++) {
            bindings.put("w" + i, bytes(words.get(i)));
        }
        return db.sql(sql.toString()).bindValues(bindings).then();
    }

    // Searching

    /**
     * Contacts with a word starting with each of {@code words}; favourites first, then by name. With
     * several {@code alternatives} (a number as typed and as the same number in E.164), contacts
     * matching any of them: each is looked up on its own and the few found are ordered by one more query.
     */
    Flux<Contact> search(long accountId, List<List<String>> alternatives, int limit) {
        List<List<String>> searches = alternatives.stream().filter(words -> !words.isEmpty()).distinct().toList();
        if (searches.isEmpty()) {
            return Flux.empty();
        }
        if (searches.size() == 1) {
            return byWords(accountId, searches.get(0), limit);
        }
        return Flux.fromIterable(searches)
                .concatMap(words -> byWords(accountId, words, limit).map(Contact::id))
                .collect(Collectors.toCollection(LinkedHashSet::new))
                .flatMapMany(ids -> ids.isEmpty() ? Flux.empty() : db.sql("SELECT * FROM contact"
                                + " WHERE account_id = :accountId AND id IN (:ids) ORDER BY favourite DESC, sort_key, id"
                                + " LIMIT :limit")
                        .bind("accountId", accountId)
                        .bind("ids", ids)
                        .bind("limit", limit)
                        .map((row, metadata) -> converter.read(Contact.class, row, metadata))
                        .all());
    }

    private Flux<Contact> byWords(long accountId, List<String> words, int limit) {
        DatabaseClient.GenericExecuteSpec query = db.sql(sql(words.size()))
                .bind("accountId", accountId)
                .bind("limit", limit);
        for (int i = 0; i < words.size(); i++) {
            query = query.bind("from" + i, bytes(words.get(i))).bind("to" + i, after(words.get(i)));
        }
        return query.map((row, metadata) -> converter.read(Contact.class, row, metadata)).all();
    }

    /**
     * The search for {@code words} words: the first is an index range of the word index, each other
     * one is checked per contact found; the contacts are then read by their ids. (An {@code IN} of
     * one query: H2 reads its ids through the primary key, where a join with a derived table, or an
     * {@code IN} of a UNION, made it run the word query again for every contact of the account.)
     */
    static String sql(int words) {
        StringBuilder found = new StringBuilder("SELECT w0.contact_id FROM contact_search_word w0");
        for (int i = 1; i < words; i++) {
            found.append(" JOIN contact_search_word w").append(i).append(" ON w").append(i)
                    .append(".contact_id = w0.contact_id AND w").append(i).append(".word >= :from").append(i)
                    .append(" AND w").append(i).append(".word < :to").append(i);
        }
        found.append(" WHERE w0.account_id = :accountId AND w0.word >= :from0 AND w0.word < :to0");
        return "SELECT c.* FROM contact c WHERE c.account_id = :accountId AND c.id IN (" + found + ")"
                + " ORDER BY c.favourite DESC, c.sort_key, c.id LIMIT :limit";
    }
}
