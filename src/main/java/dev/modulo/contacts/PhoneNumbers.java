package dev.modulo.contacts;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers written any way — {@code +1 (415) 555-0100}, {@code 004930 1234567},
 * {@code 030/1234567} — read with libphonenumber in the account's default region and written as
 * E.164 ({@code +49301234567}). Numbers it cannot read as valid stay as typed, not normalised.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The number in E.164, if it is a valid number read in {@code region} (an ISO country code). */
    public static Optional<String> e164(String typed, String region) {
        if (typed == null || typed.isBlank() || typed.length() > 100) {
            return Optional.empty();
        }
        String defaultRegion = region == null ? "ZZ" : region.toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = UTIL.parse(typed.strip(), defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Only the digits. */
    static String digits(String typed) {
        StringBuilder digits = new StringBuilder();
        if (typed != null) {
            for (int i = 0; i < typed.length(); i++) {
                char c = typed.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits.append(c);
                }
            }
        }
        return digits.toString();
    }

    /** Whether a search looks like (part of) a phone number: digits and the usual punctuation only. */
    static boolean looksLikePhone(String query) {
        if (query == null || digits(query).length() < 3) {
            return false;
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (!(Character.isDigit(c) || " +-./()".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
