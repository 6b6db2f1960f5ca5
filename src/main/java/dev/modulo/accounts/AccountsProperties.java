package dev.modulo.accounts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Plans, prices and the limits of the accounts module ({@code modulo.accounts.*}).
 *
 * @param plans            the plans on sale, in the order the landing page shows them
 * @param currency         ISO 4217 code of every plan's price
 * @param trialDays        length of the free trial every plan starts with
 * @param verificationTtl  how long an email-verification link works
 * @param resetTtl         how long a password-reset link works
 * @param signupsPerHour   sign-ups allowed from one address per hour
 * @param mailFrom         sender of account mail (verification, password reset)
 * @param resetsPerHour    password-reset mails one client address may ask for per hour
 * @param mailRetryDelay   how long after a failed attempt account mail is tried again; doubled each time
 * @param mailRetryMaxDelay the longest wait between two attempts
 * @param mailAttempts     attempts after which a mail is given up (kept, marked failed)
 * @param mailPollInterval how often the outbox is looked at even without a signal (another instance's mail)
 */
@ConfigurationProperties("modulo.accounts")
public record AccountsProperties(
        List<Plan> plans,
        @DefaultValue("USD") String currency,
        @DefaultValue("30") int trialDays,
        @DefaultValue("48h") Duration verificationTtl,
        @DefaultValue("1h") Duration resetTtl,
        @DefaultValue("10") int signupsPerHour,
        @DefaultValue("Modulo <no-reply@localhost>") String mailFrom,
        @DefaultValue("5") int resetsPerHour,
        @DefaultValue("30s") Duration mailRetryDelay,
        @DefaultValue("1h") Duration mailRetryMaxDelay,
        @DefaultValue("12") int mailAttempts,
        @DefaultValue("1m") Duration mailPollInterval) {

    public AccountsProperties {
        if (plans == null || plans.isEmpty()) {
            throw new IllegalArgumentException("modulo.accounts.plans must list at least one plan");
        }
        plans = List.copyOf(plans);
        if (mailAttempts < 1 || !positive(mailRetryDelay) || !positive(mailRetryMaxDelay) || !positive(mailPollInterval)) {
            throw new IllegalArgumentException("modulo.accounts.mail-attempts, mail-retry-delay, mail-retry-max-delay and mail-poll-interval must be positive");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    public Optional<Plan> plan(String id) {
        return plans.stream().filter(plan -> plan.id().equals(id)).findFirst();
    }
}
