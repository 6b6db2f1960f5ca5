package dev.modulo.accounts;

/**
 * What a person types (and their browser adds) to open an account. Fields may be null or
 * untrimmed; {@link AccountService#signup} normalises and checks every one.
 *
 * @param timeZone    IANA zone from the browser; UTC when missing or unknown
 * @param phoneRegion ISO 3166 country from the browser's locale; used to read phone numbers
 */
public record SignupRequest(String username, String email, String password, String planId, String timeZone,
        String phoneRegion) {
}
