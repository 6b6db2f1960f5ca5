package dev.modulo.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;

/**
 * Fills one account with a great many rows straight through SQL (a hundred thousand in seconds,
 * where the pages would take an hour): events over ten years with some endless weekly series,
 * contacts with an email and a phone number (and their search words), tasks with due dates around
 * today. For benchmarks and for tests of query plans; every method returns how many rows it made.
 * The rows are what the application itself writes (see the comments where that takes care).
 */
public final class BigAccountSeed {

    /** Rows per INSERT statement. */
    static final int ROWS = 200;

    static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final String[] GIVEN = {"anna", "ben", "clara", "david", "elif", "farid", "greta", "hugo", "ines",
        "jonas", "karin", "lukas", "mara", "nils", "olga", "paul", "rosa", "sami", "tanja", "ulf", "vera", "wim",
        "xenia", "yusuf", "zoe", "adele", "bruno", "celine", "dario", "emma"};
    private static final String[] FAMILY = {"schmidt", "miller", "garcia", "rossi", "novak", "kowalski", "jensen",
        "dubois", "silva", "yilmaz", "nakamura", "okafor", "larsen", "fischer", "weber", "martin", "lopez", "brown",
        "wilson", "moreau", "becker", "hoffmann", "koch", "richter", "klein", "wolf", "neumann", "schwarz", "braun",
        "zimmermann"};
    private static final String[] COMPANY = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne",
        "wonka", "cyberdyne", "tyrell"};

    private BigAccountSeed() {
    }

    /** A new account (it cannot sign in: its password hash is no hash), for tests that only query. */
    public static long account(DatabaseClient db, String username) {
        return db.sql("""
                        INSERT INTO account (username, email, password_hash, plan_id, time_zone, phone_region, created_at)
                        VALUES (:username, :email, 'seeded', 'pro', 'Europe/Berlin', 'DE', :now)""")
                .bind("username", username)
                .bind("email", username + "@example.com")
                .bind("now", Instant.now())
                .filter(statement -> statement.returnGeneratedValues("id"))
                .map((row, meta) -> row.get("id", Long.class))
                .one()
                .block();
    }

    /**
     * {@code count} events of an hour between 2020 and 2030 (Berlin time); one in every
     * {@code seriesEvery} is instead a weekly series without end that started then.
     */
    public static long events(DatabaseClient db, long accountId, int count, int seriesEvery) {
        Random random = new Random(accountId);
        Instant now = Instant.now();
        return insert(db, "calendar_event", List.of("account_id", "uid", "title", "location", "description", "colour",
                "all_day", "zone", "start_at", "end_at", "rrule", "exdates", "window_start", "window_end", "long_span",
                "created_at", "updated_at"), count, i -> {
                    ZonedDateTime start = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3653))
                            .atTime(7 + random.nextInt(12), random.nextInt(4) * 15).atZone(BERLIN);
                    boolean series = seriesEvery > 0 && i % seriesEvery == 0;
                    Instant end = start.toInstant().plusSeconds(3600);
                    return new Object[] {accountId, "seed-" + i + "@modulo", (series ? "Weekly " : "Event ") + i, "",
                        "", "blue", false, "Europe/Berlin", start.toInstant(), end, series ? "FREQ=WEEKLY" : null, "",
                        start.toInstant(), series ? FOREVER : end, series, now, now};
                });
    }

    /**
     * {@code count} contacts named from a few common names (so searches find many), each with an
     * email address and a Berlin phone number, and the search words the application gives them.
     */
    public static long contacts(DatabaseClient db, long accountId, int count) {
        Random random = new Random(accountId);
        Instant now = Instant.now();
        long made = 0;
        for (int first = 0; first < count; first += ROWS) {
            int size = Math.min(ROWS, count - first);
            int batch = first;
            List<String[]> people = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                people.add(new String[] {GIVEN[random.nextInt(GIVEN.length)], FAMILY[random.nextInt(FAMILY.length)],
                    COMPANY[random.nextInt(COMPANY.length)], String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000))});
            }
            List<Long> ids = insertReturningIds(db, "contact", List.of("account_id", "uid", "display_name", "prefix",
                    "given_name", "middle_name", "family_name", "suffix", "nickname", "organization", "title", "notes",
                    "tags", "favourite", "sort_key", "letter", "search_text", "created_at", "updated_at"), size, i -> {
                        String[] p = people.get(i);
                        String name = capital(p[0]) + " " + capital(p[1]);
                        String sortKey = p[0] + " " + p[1];
                        return new Object[] {accountId, "urn:uuid:seed-" + accountId + "-" + (batch + i), name, "",
                            capital(p[0]), "", capital(p[1]), "", "", capital(p[2]), "", "", "", false, sortKey,
                            sortKey.substring(0, 1).toUpperCase(Locale.ROOT), " " + sortKey + " " + p[2] + " ", now, now};
                    });
            List<Object[]> details = new ArrayList<>();
            List<Object[]> words = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String[] p = people.get(i);
                long id = ids.get(i);
                String email = p[0] + "." + p[1] + (first + i) + "@" + p[2] + ".example";
                String phone = "+49 30 " + p[3];
                String e164 = "+4930" + p[3];
                details.add(new Object[] {accountId, id, "EMAIL", "work", "", email, null, email, 1});
                details.add(new Object[] {accountId, id, "PHONE", "mobile", "", phone, e164, "4930" + p[3], 1});
                for (String word : words(p, email, phone, e164)) {
                    words.add(new Object[] {accountId, id, word.getBytes(java.nio.charset.StandardCharsets.UTF_8)});
                }
            }
            insert(db, "contact_detail", List.of("account_id", "contact_id", "kind", "type", "label", "detail_value",
                    "e164", "search_value", "position"), details.size(), details::get);
            insert(db, "contact_search_word", List.of("account_id", "contact_id", "word"), words.size(), words::get);
            made += size;
        }
        return made;
    }

    /**
     * The words {@code ContactSearch} gives such a contact: its ASCII names and email split at
     * everything but letters and digits, and every ending (of three digits or more) of its number's
     * digits as typed and in E.164.
     */
    private static Set<String> words(String[] person, String email, String phone, String e164) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : List.of(person[0] + " " + person[1], person[0], person[1], person[2], email)) {
            for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        for (String number : List.of(phone, e164)) {
            String digits = number.replaceAll("[^0-9]", "");
            for (int start = 0; start + 3 <= digits.length(); start++) {
                words.add(digits.substring(start));
            }
        }
        return words;
    }

    /** A to-do list of the account, made for the tasks; its id. */
    public static long list(DatabaseClient db, long accountId, String name) {
        return db.sql("INSERT INTO todo_list (account_id, name, position, created_at) VALUES (:account, :name, 1, :now)")
                .bind("account", accountId)
                .bind("name", name)
                .bind("now", Instant.now())
                .filter(statement -> statement.returnGeneratedValues("id"))
                .map((row, meta) -> row.get("id", Long.class))
                .one()
                .block();
    }

    /**
     * {@code count} tasks in a list, due within two years either side of {@code today} (so about half
     * are overdue), one in five done.
     */
    public static long tasks(DatabaseClient db, long accountId, long listId, int count, LocalDate today) {
        Random random = new Random(listId);
        Instant now = Instant.now();
        return insert(db, "todo_task", List.of("account_id", "list_id", "title", "notes", "due_date", "priority", "tags",
                "done_at", "position", "created_at"), count, i -> new Object[] {accountId, listId, "Task " + i, "",
                    today.plusDays(random.nextInt(1461) - 730), random.nextInt(4), "", i % 5 == 0 ? now : null, i + 1,
                    now});
    }

    /** Inserts {@code count} rows, {@value #ROWS} a statement; {@code row} gives the values of row i. */
    static long insert(DatabaseClient db, String table, List<String> columns, int count, IntFunction<Object[]> row) {
        long made = 0;
        for (int first = 0; first < count; first += ROWS) {
            int size = Math.min(ROWS, count - first);
            int offset = first;
            made += Flux.from(statement(db, table, columns, size, i -> row.apply(offset + i)).fetch().rowsUpdated())
                    .reduce(0L, Long::sum).block();
        }
        return made;
    }

    private static List<Long> insertReturningIds(DatabaseClient db, String table, List<String> columns, int size,
            IntFunction<Object[]> row) {
        return statement(db, table, columns, size, row)
                .filter(statement -> statement.returnGeneratedValues("id"))
                .map((result, meta) -> result.get("id", Long.class))
                .all()
                .sort()
                .collectList()
                .block();
    }

    private static DatabaseClient.GenericExecuteSpec statement(DatabaseClient db, String table, List<String> columns,
            int size, IntFunction<Object[]> row) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") VALUES ");
        List<Object[]> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Object[] value = row.apply(i);
            values.add(value);
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 0; c < columns.size(); c++) {
                sql.append(c == 0 ? "" : ", ").append(":p").append(i).append('_').append(c);
            }
            sql.append(')');
        }
        // All at once: each bind() copies the bindings so far, which for 2,000 of them took minutes.
        Map<String, Object> bindings = new HashMap<>();
        for (int i = 0; i < size; i++) {
            for (int c = 0; c < columns.size(); c++) {
                Object value = values.get(i)[c];
                bindings.put("p" + i + "_" + c, value == null ? Parameter.empty(typeOf(columns.get(c))) : value);
            }
        }
        return db.sql(sql.toString()).bindValues(bindings);
    }

    private static Class<?> typeOf(String column) {
        return switch (column) {
            case "done_at", "start_at", "end_at", "window_start", "window_end" -> Instant.class;
            case "due_date" -> LocalDate.class;
            default -> String.class;
        };
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
