package dev.modulo.spam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.modulo.platform.Blocking;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A per-account Bayesian spam filter (Robinson–Fisher). It starts from a built-in training set
 * (resources {@code spam/ham.txt}, {@code spam/spam.txt}) and learns from each account's own
 * decisions, which count only for that account.
 */
@Service
public class SpamFilter {

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final SpamProperties properties;
    private final Map<String, RobinsonFisher.Counts> builtIn = new HashMap<>();
    private final long builtInSpam;
    private final long builtInHam;

    SpamFilter(DatabaseClient db, TransactionalOperator transactions, SpamProperties properties) {
        this.db = db;
        this.transactions = transactions;
        this.properties = properties;
        // Read once at start-up, before any request.
        List<String> spam = corpus("spam/spam.txt");
        List<String> ham = corpus("spam/ham.txt");
        Map<String, long[]> counts = new HashMap<>();
        spam.forEach(text -> SpamTokens.of(text).forEach(token -> counts.computeIfAbsent(token, t -> new long[2])[0]++));
        ham.forEach(text -> SpamTokens.of(text).forEach(token -> counts.computeIfAbsent(token, t -> new long[2])[1]++));
        counts.forEach((token, both) -> builtIn.put(token, new RobinsonFisher.Counts(both[0], both[1])));
        this.builtInSpam = spam.size();
        this.builtInHam = ham.size();
    }

    /** How spammy {@code text} looks to this account's filter. */
    public Mono<SpamScore> score(long accountId, String text) {
        return Blocking.PARSING.call(() -> SpamTokens.of(text))
                .flatMap(tokens -> accountCounts(accountId, tokens)
                        .zipWith(totals(accountId))
                        .map(found -> {
                            long spamMessages = builtInSpam + found.getT2()[0];
                            long hamMessages = builtInHam + found.getT2()[1];
                            List<RobinsonFisher.Counts> words = new ArrayList<>();
                            for (String token : tokens) {
                                RobinsonFisher.Counts base = builtIn.getOrDefault(token, new RobinsonFisher.Counts(0, 0));
                                RobinsonFisher.Counts own = found.getT1().getOrDefault(token, new RobinsonFisher.Counts(0, 0));
                                words.add(new RobinsonFisher.Counts(base.spam() + own.spam(), base.ham() + own.ham()));
                            }
                            double probability = RobinsonFisher.score(words, spamMessages, hamMessages);
                            return new SpamScore(probability, probability >= properties.threshold());
                        }));
    }

    /** Teaches this account's filter that {@code text} is spam (or not). */
    public Mono<Void> train(long accountId, String text, boolean spam) {
        int spamDelta = spam ? 1 : 0;
        int hamDelta = spam ? 0 : 1;
        Mono<Void> learn = Blocking.PARSING.call(() -> SpamTokens.of(text))
                .flatMapMany(Flux::fromIterable)
                .concatMap(token -> upsert("""
                                UPDATE spam_token SET spam_count = spam_count + :spam, ham_count = ham_count + :ham
                                WHERE account_id = :account AND token = :token""", """
                                INSERT INTO spam_token (account_id, token, spam_count, ham_count)
                                VALUES (:account, :token, :spam, :ham)""", accountId, token, spamDelta, hamDelta))
                .then(upsert("""
                                UPDATE spam_totals SET spam_messages = spam_messages + :spam,
                                    ham_messages = ham_messages + :ham
                                WHERE account_id = :account""", """
                                INSERT INTO spam_totals (account_id, spam_messages, ham_messages)
                                VALUES (:account, :spam, :ham)""", accountId, null, spamDelta, hamDelta));
        // Taught twice at once, both may insert the same new word: the loser's transaction is over on
        // PostgreSQL (a failed statement aborts it), so the whole lesson is taught again, once.
        return transactions.transactional(learn)
                .retryWhen(reactor.util.retry.Retry.max(1)
                        .filter(DataIntegrityViolationException.class::isInstance));
    }

    private Mono<Void> upsert(String update, String insert, long accountId, String token, int spam, int ham) {
        return bind(db.sql(update), accountId, token, spam, ham)
                .fetch()
                .rowsUpdated()
                .flatMap(rows -> rows > 0 ? Mono.<Void>empty() : bind(db.sql(insert), accountId, token, spam, ham)
                        .then());
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, long accountId,
            String token, int spam, int ham) {
        DatabaseClient.GenericExecuteSpec bound = spec.bind("account", accountId).bind("spam", spam).bind("ham", ham);
        return token == null ? bound : bound.bind("token", token);
    }

    private Mono<Map<String, RobinsonFisher.Counts>> accountCounts(long accountId, Set<String> tokens) {
        if (tokens.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT token, spam_count, ham_count FROM spam_token WHERE account_id = :account AND token IN (:tokens)")
                .bind("account", accountId)
                .bind("tokens", List.copyOf(tokens))
                .map((row, metadata) -> Map.entry(row.get("token", String.class), new RobinsonFisher.Counts(
                        row.get("spam_count", Integer.class), row.get("ham_count", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<long[]> totals(long accountId) {
        return db.sql("SELECT spam_messages, ham_messages FROM spam_totals WHERE account_id = :account")
                .bind("account", accountId)
                .map((row, metadata) -> new long[] {row.get("spam_messages", Integer.class),
                        row.get("ham_messages", Integer.class)})
                .one()
                .defaultIfEmpty(new long[] {0, 0});
    }

    private static List<String> corpus(String resource) {
        try (InputStream in = SpamFilter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing the spam filter's training set " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.of(text.split("(?m)^%%\\s*$"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
