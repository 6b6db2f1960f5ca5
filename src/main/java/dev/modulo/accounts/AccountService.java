package dev.modulo.accounts;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.modulo.platform.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Opening, changing and closing accounts. Every method is given the account it acts on. */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    static final String DEFAULT_ZONE = "UTC";
    static final String DEFAULT_REGION = "US";

    private final Accounts accounts;
    private final AccountsProperties properties;
    private final PasswordPolicy passwordPolicy;
    private final Passwords passwords;
    private final ObjectProvider<AccountDataOwner> dataOwners;
    private final AccountMail mail;
    private final AccountSessions sessions;
    private final TransactionalOperator transactions;
    private final Clock clock;

    AccountService(Accounts accounts, AccountsProperties properties, PasswordPolicy passwordPolicy,
            Passwords passwords, ObjectProvider<AccountDataOwner> dataOwners, AccountMail mail,
            AccountSessions sessions, TransactionalOperator transactions, ObjectProvider<Clock> clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.mail = mail;
        this.transactions = transactions;
        this.properties = properties;
        this.passwordPolicy = passwordPolicy;
        this.passwords = passwords;
        this.dataOwners = dataOwners;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public Mono<Account> find(long accountId) {
        return accounts.findById(accountId)
                .switchIfEmpty(Mono.error(() -> new AccountNotFound(accountId)));
    }

    /** The account with this username (written any case), e.g. for a public blog address. */
    public Mono<Account> findByUsername(String username) {
        return accounts.findByUsername(Usernames.normalise(username));
    }

    public List<Plan> plans() {
        return properties.plans();
    }

    /** The account's plan; an account on a plan since removed from configuration keeps the first plan's terms. */
    public Plan planOf(Account account) {
        return properties.plan(account.planId()).orElseGet(() -> properties.plans().get(0));
    }

    /** Opens an account, or fails with {@link InvalidInput} naming every field to correct. */
    public Mono<Account> signup(SignupRequest request) {
        String username = Usernames.normalise(request.username());
        String email = EmailAddresses.normalise(request.email());
        Map<String, String> errors = new LinkedHashMap<>();
        Usernames.problem(username).ifPresent(message -> errors.put("username", message));
        EmailAddresses.problem(email).ifPresent(message -> errors.put("email", message));
        passwordPolicy.problem(request.password(), username, email).ifPresent(message -> errors.put("password", message));
        if (request.planId() == null || properties.plan(request.planId()).isEmpty()) {
            errors.put("planId", "Choose one of the plans.");
        }
        // Usernames are public (blog addresses) and may say they are taken. Whether an email address
        // has an account is not told: the answer is the same, and its owner gets a mail instead.
        return (errors.containsKey("username") ? Mono.just(false) : accounts.existsByUsername(username))
                .flatMap(taken -> {
                    if (taken) {
                        errors.put("username", "That username is taken. Please choose another.");
                    }
                    return errors.isEmpty() ? Mono.just(request) : Mono.error(new InvalidInput(errors));
                })
                .flatMap(valid -> passwords.hash(valid.password()))
                .flatMap(hash -> transactions.transactional(open(Account.create(username, email, hash, request.planId(),
                        zoneOrDefault(request.timeZone()), regionOrDefault(request.phoneRegion()), clock.instant()))))
                .onErrorMap(DataIntegrityViolationException.class, this::takenMeanwhile)
                .doOnNext(account -> log.info("Signed up {} on plan {}", account.username(), account.planId()));
    }

    /**
     * Stores the account and queues its first mail in the same transaction: a link to confirm the
     * address, or, when another account owns the address, a notice to that owner. Both open an
     * account, hash, look up and insert alike (a new address also stores its link's token), and the
     * mail leaves after the answer, so neither the answer nor its timing tells which it was.
     */
    private Mono<Account> open(Account account) {
        return accounts.findByLoginEmail(account.email())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(owner -> accounts.save(account)
                        .flatMap(saved -> owner
                                .map(mail::signupNotice)
                                .orElseGet(() -> mail.verification(saved))
                                .thenReturn(saved)));
    }

    public Mono<Account> changePassword(long accountId, String currentPassword, String newPassword) {
        return find(accountId)
                .flatMap(account -> requirePassword(account, currentPassword, "currentPassword"))
                .flatMap(account -> {
                    var problem = passwordPolicy.problem(newPassword, account.username(), account.email());
                    return problem.isPresent()
                            ? Mono.error(InvalidInput.of("newPassword", problem.get()))
                            : setPassword(account, newPassword);
                });
    }

    /** Sets a new password and ends every session signed in with the old one. */
    Mono<Account> setPassword(Account account, String newPassword) {
        return passwords.hash(newPassword)
                .flatMap(hash -> accounts.updatePassword(account.id(), hash))
                .then(sessions.changed(account.id()))
                .then(find(account.id()));
    }

    /** Moves to another plan, refused while the storage in use exceeds the new plan's quota. */
    public Mono<Account> changePlan(long accountId, String planId) {
        Plan plan = properties.plan(planId).orElse(null);
        if (plan == null) {
            return Mono.error(InvalidInput.of("planId", "Choose one of the plans."));
        }
        long quota = plan.storageQuota().toBytes();
        return accounts.changePlan(accountId, planId, quota)
                .flatMap(updated -> updated == 1
                        ? find(accountId)
                        : find(accountId).flatMap(account -> Mono.error(InvalidInput.of("planId",
                                "You keep " + StorageUsage.format(account.storageUsedBytes()) + ", more than "
                                        + plan.name() + "'s " + StorageUsage.format(quota)
                                        + ". Delete something first, or choose a larger plan."))));
    }

    public Mono<Account> updatePreferences(long accountId, String timeZone, String phoneRegion) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!isZone(timeZone)) {
            errors.put("timeZone", "Choose a time zone from the list, such as Europe/Berlin.");
        }
        if (!isRegion(phoneRegion)) {
            errors.put("phoneRegion", "Choose a country from the list.");
        }
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidInput(errors));
        }
        return find(accountId)
                .flatMap(account -> accounts.updatePreferences(accountId, timeZone.strip(),
                        phoneRegion.strip().toUpperCase(Locale.ROOT)))
                .then(find(accountId));
    }

    /** Deletes the account and everything in it, once the password is confirmed. */
    @Transactional
    public Mono<Void> delete(long accountId, String password) {
        return find(accountId)
                .flatMap(account -> requirePassword(account, password, "password"))
                .flatMap(account -> Flux.fromIterable(dataOwners.orderedStream().toList())
                        .concatMap(owner -> owner.deleteAllFor(accountId))
                        .then(accounts.deleteById(accountId))
                        .then(sessions.changed(accountId))
                        .doOnSuccess(done -> log.info("Deleted account {}", account.username())));
    }

    Mono<Account> requirePassword(Account account, String password, String field) {
        return passwords.matches(password == null ? "" : password, account.passwordHash())
                .flatMap(ok -> ok
                        ? Mono.just(account)
                        : Mono.error(InvalidInput.of(field, "That is not your current password.")));
    }

    private Throwable takenMeanwhile(DataIntegrityViolationException e) {
        // Another sign-up took the name between our check and our insert.
        return InvalidInput.of("username", "That username was just taken. Please choose another.");
    }

    static boolean isZone(String zone) {
        if (zone == null || zone.isBlank()) {
            return false;
        }
        try {
            ZoneId.of(zone.strip());
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    static boolean isRegion(String region) {
        return region != null && REGIONS.contains(region.strip().toUpperCase(Locale.ROOT));
    }

    private static String zoneOrDefault(String zone) {
        return isZone(zone) ? zone.strip() : DEFAULT_ZONE;
    }

    private static String regionOrDefault(String region) {
        return isRegion(region) ? region.strip().toUpperCase(Locale.ROOT) : DEFAULT_REGION;
    }
}
