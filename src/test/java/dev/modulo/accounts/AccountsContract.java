package dev.modulo.accounts;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.modulo.platform.InvalidInput;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the accounts module promises, on whichever database the subclass runs it: the embedded H2
 * file ({@link AccountsOnH2Test}) or a real PostgreSQL server ({@link AccountsOnPostgresTest}).
 */
abstract class AccountsContract {

    static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    AccountService accounts;

    @Autowired
    StorageQuota quota;

    @Autowired
    AccountTokens tokens;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccountMailOutbox outbox;

    @Autowired
    Accounts accountRows;

    @Autowired
    AccountsProperties properties;

    @Autowired
    TransactionalOperator transactions;

    Account signUp(String prefix, String plan) {
        String username = TestBrowser.uniqueName(prefix);
        return accounts.signup(new SignupRequest(username, username + "@Example.com", PASSWORD, plan,
                "Europe/Berlin", "de")).block();
    }

    @Test
    void signupNormalisesNamesAndStoresOnlyAnArgon2Hash() {
        String username = TestBrowser.uniqueName("norm");
        Account account = accounts.signup(new SignupRequest("  " + username.toUpperCase() + " ",
                " " + username + "@EXAMPLE.com ", PASSWORD, "plus", "America/New_York", "us")).block();

        assertThat(account.id()).isNotNull();
        assertThat(account.username()).isEqualTo(username);
        assertThat(account.email()).isEqualTo(username + "@example.com");
        assertThat(account.passwordHash()).startsWith("{argon2}$argon2id$").doesNotContain(PASSWORD);
        assertThat(account.planId()).isEqualTo("plus");
        assertThat(account.timeZone()).isEqualTo("America/New_York");
        assertThat(account.phoneRegion()).isEqualTo("US");
        assertThat(account.emailVerified()).isFalse();
    }

    @Test
    void signupFallsBackToUtcAndTheDefaultRegionForUnknownBrowserValues() {
        String username = TestBrowser.uniqueName("zone");
        Account account = accounts.signup(new SignupRequest(username, username + "@example.com", PASSWORD,
                "basic", "Mars/Olympus_Mons", "XX")).block();

        assertThat(account.timeZone()).isEqualTo("UTC");
        assertThat(account.phoneRegion()).isEqualTo("US");
    }

    @ParameterizedTest(name = "{0} ''{1}'' → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            username | ab                                  | Use 3 to 32 characters.
            username | abcdefghijklmnopqrstuvwxyz0123456789 | Use 3 to 32 characters.
            username | al ice                              | Use only lower-case letters, digits and hyphens
            username | -alice                              | Use only lower-case letters, digits and hyphens
            username | admin                               | is reserved
            username | static                              | is reserved
            email    | not-an-address                      | does not look like an email address
            password | short                               | Use at least 8 characters
            password | password1                           | one of the most common passwords
            password | iloveyou                            | one of the most common passwords
            """)
    void signupRefusesABadFieldWithAMessageBesideIt(String field, String value, String message) {
        String username = TestBrowser.uniqueName("bad");
        SignupRequest request = switch (field) {
            case "username" -> new SignupRequest(value, username + "@example.com", PASSWORD, "basic", null, null);
            case "email" -> new SignupRequest(username, value, PASSWORD, "basic", null, null);
            default -> new SignupRequest(username, username + "@example.com", value, "basic", null, null);
        };

        StepVerifier.create(accounts.signup(request))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(InvalidInput.class, invalid -> assertThat(invalid.fieldErrors())
                                .containsOnlyKeys(field)
                                .hasEntrySatisfying(field, text -> assertThat(text).contains(message))))
                .verify();
    }

    @Test
    void signupAcceptsA64CharacterPassphraseAndRefusesTheUsernameAsPassword() {
        String username = TestBrowser.uniqueName("long");
        String passphrase = "correct horse battery staple ".repeat(3).substring(0, 64);
        StepVerifier.create(accounts.signup(new SignupRequest(username, username + "@example.com", passphrase,
                        "basic", null, null)))
                .expectNextMatches(account -> account.username().equals(username))
                .verifyComplete();

        String other = TestBrowser.uniqueName("same");
        StepVerifier.create(accounts.signup(new SignupRequest(other, other + "@example.com", other, "basic", null, null)))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors()).containsKey("password"))
                .verify();
    }

    @Test
    void signupRefusesATakenUsernameWhateverItsCaseButNeverSaysAnEmailIsTaken() {
        Account first = signUp("taken", "basic");
        accountRows.confirmEmail(first.id(), java.time.Instant.now()).block();

        StepVerifier.create(accounts.signup(new SignupRequest(first.username().toUpperCase(),
                        first.email().toUpperCase(), PASSWORD, "basic", null, null)))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors())
                        .containsOnlyKeys("username"))
                .verify();

        String other = TestBrowser.uniqueName("same-address");
        Account second = accounts.signup(new SignupRequest(other, first.email().toUpperCase(), PASSWORD, "basic",
                null, null)).block();
        assertThat(second.email()).isEqualTo(first.email());
        assertThat(second.loginEmail()).as("the address stays its owner's").isNull();
        assertThat(accounts.find(first.id()).block().loginEmail()).isEqualTo(first.email());
    }

    @Test
    void queuedMailIsClaimedByOneSenderOnlyRetriedLaterAndGivenUpAfterItsAttempts() {
        Account account = signUp("outbox", "basic");
        StepVerifier.create(outbox.enqueue(account.id(), "test", account.email(), "Subject", "Body"))
                .as("mail is only queued inside the transaction of its cause")
                .expectError(org.springframework.transaction.NoTransactionException.class)
                .verify();
        transactions.transactional(outbox.enqueue(account.id(), "test", account.email(), "Subject", "Body")).block();
        try {
            claimFailAndGiveUp(account);
        } finally {
            db.sql("DELETE FROM account_mail WHERE account_id = :id").bind("id", account.id()).then().block();
        }
    }

    private void claimFailAndGiveUp(Account account) {
        AccountMailOutbox.Mail mail = dueFor(account);
        assertThat(mail.body()).isEqualTo("Body");
        assertThat(mail.attempts()).isZero();
        // Two senders read the row; only the first claim counts, and a claimed row is not due.
        assertThat(outbox.claim(mail, Duration.ofMinutes(5)).block()).isTrue();
        assertThat(outbox.claim(mail, Duration.ofMinutes(5)).block()).isFalse();
        assertThat(outbox.due(10_000).filter(due -> due.accountId() == account.id()).collectList().block()).isEmpty();

        AccountMailOutbox.Failure first = outbox.failed(mail, new java.io.IOException("relay down")).block();
        assertThat(first.gaveUp()).isFalse();
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(outbox.due(10_000).filter(due -> due.accountId() == account.id()).collectList().block())
                .as("not before its retry time").isEmpty();

        AccountMailOutbox.Failure last = first;
        for (int attempt = 2; attempt <= properties.mailAttempts(); attempt++) {
            makeDue(account);
            AccountMailOutbox.Mail again = dueFor(account);
            assertThat(again.attempts()).isEqualTo(attempt - 1);
            assertThat(outbox.claim(again, Duration.ofMinutes(5)).block()).isTrue();
            last = outbox.failed(again, new java.io.IOException("relay down")).block();
        }
        assertThat(last.gaveUp()).isTrue();
        makeDue(account);
        assertThat(outbox.due(10_000).filter(due -> due.accountId() == account.id()).collectList().block())
                .as("a given-up mail is not tried again").isEmpty();
        assertThat(db.sql("SELECT body, last_error, failed_at FROM account_mail WHERE account_id = :id")
                .bind("id", account.id())
                .map(row -> java.util.Arrays.<Object>asList(row.get("body", String.class),
                        row.get("last_error", String.class), row.get("failed_at", java.time.OffsetDateTime.class)))
                .one()
                .block())
                .satisfies(row -> {
                    assertThat(row.get(0)).as("its link is gone").isNull();
                    assertThat((String) row.get(1)).contains("relay down");
                    assertThat(row.get(2)).as("marked failed").isNotNull();
                });
    }

    @Test
    void retriesWaitLongerEachTimeUpToTheLongestDelay() {
        assertThat(outbox.backoff(1)).isEqualTo(properties.mailRetryDelay());
        assertThat(outbox.backoff(2)).isEqualTo(properties.mailRetryDelay().multipliedBy(2));
        assertThat(outbox.backoff(3)).isEqualTo(properties.mailRetryDelay().multipliedBy(4));
        assertThat(outbox.backoff(60)).isEqualTo(properties.mailRetryMaxDelay());
    }

    private AccountMailOutbox.Mail dueFor(Account account) {
        return outbox.due(10_000).filter(due -> due.accountId() == account.id()).single().block();
    }

    private void makeDue(Account account) {
        db.sql("UPDATE account_mail SET next_attempt_at = :past WHERE account_id = :id")
                .bind("past", java.time.Instant.now().minusSeconds(1))
                .bind("id", account.id())
                .then()
                .block();
    }

    @Test
    void signupRefusesAPlanThatIsNotConfigured() {
        String username = TestBrowser.uniqueName("plan");
        StepVerifier.create(accounts.signup(new SignupRequest(username, username + "@example.com", PASSWORD,
                        "platinum", null, null)))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors()).containsOnlyKeys("planId"))
                .verify();
    }

    @Test
    void concurrentReservationsNeverTogetherPassTheQuota() {
        Account account = signUp("quota", "basic");
        long quotaBytes = DataSize.ofGigabytes(2).toBytes();
        long chunk = quotaBytes / 4;

        List<Boolean> outcomes = Flux.fromStream(IntStream.range(0, 10).boxed())
                .flatMap(i -> quota.reserve(account.id(), chunk).thenReturn(true)
                        .onErrorResume(QuotaExceeded.class, e -> Mono.just(false)), 10)
                .collectList()
                .block();

        assertThat(outcomes).filteredOn(ok -> ok).hasSize(4);
        StepVerifier.create(quota.usage(account.id()))
                .assertNext(usage -> {
                    assertThat(usage.usedBytes()).isEqualTo(quotaBytes);
                    assertThat(usage.availableBytes()).isZero();
                })
                .verifyComplete();
    }

    @Test
    void aRefusedReservationSaysHowMuchIsFreeAndReservesNothing() {
        Account account = signUp("refused", "basic");
        quota.reserve(account.id(), 1_000).block();

        StepVerifier.create(quota.reserve(account.id(), DataSize.ofGigabytes(3).toBytes()))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(QuotaExceeded.class)
                        .hasMessageContaining("free")
                        .hasMessageContaining("2 GB"))
                .verify();
        assertThat(quota.usage(account.id()).block().usedBytes()).isEqualTo(1_000);
    }

    @Test
    void releasingGivesBytesBackButNeverBelowZero() {
        Account account = signUp("release", "basic");
        quota.reserve(account.id(), 5_000).then(quota.release(account.id(), 2_000)).block();
        assertThat(quota.usage(account.id()).block().usedBytes()).isEqualTo(3_000);

        quota.release(account.id(), 10_000).block();
        assertThat(quota.usage(account.id()).block().usedBytes()).isZero();
    }

    @Test
    void changingThePlanChangesTheQuotaButNeverBelowWhatIsStored() {
        Account account = signUp("plan", "plus");
        quota.reserve(account.id(), DataSize.ofGigabytes(3).toBytes()).block();

        StepVerifier.create(accounts.changePlan(account.id(), "basic"))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors().get("planId"))
                        .contains("Delete something first"))
                .verify();
        assertThat(quota.usage(account.id()).block().quotaBytes()).isEqualTo(DataSize.ofGigabytes(25).toBytes());

        StepVerifier.create(accounts.changePlan(account.id(), "pro").flatMap(changed -> quota.usage(changed.id())))
                .assertNext(usage -> assertThat(usage.quotaBytes()).isEqualTo(DataSize.ofGigabytes(200).toBytes()))
                .verifyComplete();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndStartsANewSessionEpoch() {
        Account account = signUp("pw", "basic");

        StepVerifier.create(accounts.changePassword(account.id(), "not my password", "another fine passphrase"))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors()).containsKey("currentPassword"))
                .verify();
        StepVerifier.create(accounts.changePassword(account.id(), PASSWORD, "qwertyuiop"))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors()).containsKey("newPassword"))
                .verify();

        Account changed = accounts.changePassword(account.id(), PASSWORD, "another fine passphrase").block();
        assertThat(changed.sessionEpoch()).isEqualTo(account.sessionEpoch() + 1);
        assertThat(changed.passwordHash()).isNotEqualTo(account.passwordHash());
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndRemovesItsRows() {
        Account account = signUp("delete", "basic");
        tokens.issue(account.id(), AccountTokens.Purpose.VERIFY_EMAIL, java.time.Duration.ofHours(1)).block();

        StepVerifier.create(accounts.delete(account.id(), "wrong password"))
                .expectError(InvalidInput.class)
                .verify();
        assertThat(accounts.find(account.id()).block()).isNotNull();

        accounts.delete(account.id(), PASSWORD).block();

        StepVerifier.create(accounts.find(account.id())).expectError(AccountNotFound.class).verify();
        assertThat(db.sql("SELECT COUNT(*) AS n FROM account_token WHERE account_id = :id")
                .bind("id", account.id())
                .map(row -> row.get("n", Long.class))
                .one()
                .block()).isZero();
    }

    @Test
    void aTokenWorksOnceAndOnlyForItsPurpose() {
        Account account = signUp("token", "basic");
        String token = tokens.issue(account.id(), AccountTokens.Purpose.RESET_PASSWORD, java.time.Duration.ofHours(1)).block();

        StepVerifier.create(tokens.consume(token, AccountTokens.Purpose.VERIFY_EMAIL)).verifyComplete();
        StepVerifier.create(tokens.consume(token, AccountTokens.Purpose.RESET_PASSWORD))
                .expectNext(account.id())
                .verifyComplete();
        StepVerifier.create(tokens.consume(token, AccountTokens.Purpose.RESET_PASSWORD)).verifyComplete();
        assertThat(db.sql("SELECT COUNT(*) AS n FROM account_token WHERE token_hash = :token")
                .bind("token", token)
                .map(row -> row.get("n", Long.class))
                .one()
                .block()).as("the token itself is never stored").isZero();
    }

    @Test
    void anExpiredTokenDoesNotWork() {
        Account account = signUp("expired", "basic");
        String token = tokens.issue(account.id(), AccountTokens.Purpose.VERIFY_EMAIL, java.time.Duration.ofSeconds(-1)).block();

        StepVerifier.create(tokens.consume(token, AccountTokens.Purpose.VERIFY_EMAIL)).verifyComplete();
    }
}
