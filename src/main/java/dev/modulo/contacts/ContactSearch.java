package dev.modulo.contacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
        DatabaseClient.GenericExecuteSpec insert = db.sql(sql.toString())
                .bind("accountId", accountId)
                .bind("contactId", contactId);
        for (int i = 0; i < words.size(); i++) {
            insert = insert.bind("w" + i, bytes(words.get(i)));
        }
        return insert.then();
    }

    // Searching

    /**
     * Contacts with a word starting with each of {@code words}, or (when {@code e164} is given) a
     * phone number equal to it; favourites first, then by name.
     */
    Flux<Contact> search(long accountId, List<String> words, String e164, int limit) {
        if (words.isEmpty() && e164 == null) {
            return Flux.empty();
        }
        DatabaseClient.GenericExecuteSpec query = db.sql(sql(words.size(), e164 != null))
                .bind("accountId", accountId)
                .bind("limit", limit);
        for (int i = 0; i < words.size(); i++) {
            query = query.bind("from" + i, bytes(words.get(i))).bind("to" + i, after(words.get(i)));
        }
        if (e164 != null) {
            query = query.bind("e164", e164);
        }
        return query.map((row, metadata) -> converter.read(Contact.class, row, metadata)).all();
    }

    /**
     * The search for {@code words} words (each an index range, the first read, the others checked
     * per contact found) and, with {@code phone}, an E.164 number (the phone index).
     */
    static String sql(int words, boolean phone) {
        List<String> parts = new ArrayList<>();
        if (words > 0) {
            StringBuilder byWords = new StringBuilder("SELECT DISTINCT w0.contact_id AS id FROM contact_search_word w0");
            for (int i = 1; i < words; i++) {
                byWords.append(" JOIN contact_search_word w").append(i).append(" ON w").append(i)
                        .append(".contact_id = w0.contact_id AND w").append(i).append(".word >= :from").append(i)
                        .append(" AND w").append(i).append(".word < :to").append(i);
            }
            byWords.append(" WHERE w0.account_id = :accountId AND w0.word >= :from0 AND w0.word < :to0");
            parts.add(byWords.toString());
        }
        if (phone) {
            parts.add("SELECT d.contact_id AS id FROM contact_detail d WHERE d.account_id = :accountId"
                    + " AND d.e164 = :e164");
        }
        // UNION, not UNION ALL: a contact with two matching words is found once.
        return "SELECT c.* FROM contact c JOIN (" + String.join(" UNION ", parts) + ") found ON found.id = c.id"
                + " WHERE c.account_id = :accountId ORDER BY c.favourite DESC, c.sort_key, c.id LIMIT :limit";
    }
}
