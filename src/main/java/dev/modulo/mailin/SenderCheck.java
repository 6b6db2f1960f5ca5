package dev.modulo.mailin;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a message's {@code From:} address can be believed, before it counts against the allowed
 * senders. Anyone can write any {@code From:}; what Modulo can check is:
 * <ul>
 * <li>the envelope sender (SMTP {@code MAIL FROM}) is the same address: mail whose envelope says
 * otherwise is held (mailing lists and forwarding do this too, and are held unless a relay vouches);</li>
 * <li>where a relay in front of Modulo verifies SPF, DKIM and DMARC and is configured as trusted
 * ({@code modulo.mailin.trusted-authserv-ids}), its {@code Authentication-Results} header (RFC 8601):
 * DMARC failed, or SPF failed and no DKIM signature passed, holds the mail; a pass for the
 * {@code From:} domain counts even when the envelope differs. Headers from any other
 * authserv-id are ignored, since anyone can write them; of the trusted ones the topmost counts,
 * the one the relay added last (a relay must remove such headers that arrive from outside,
 * RFC 8601 section 5).</li>
 * </ul>
 */
final class SenderCheck {

    private final Set<String> trustedAuthservIds;

    SenderCheck(Collection<String> trustedAuthservIds) {
        this.trustedAuthservIds = trustedAuthservIds.stream()
                .map(id -> id.strip().toLowerCase(Locale.ROOT))
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Null when the From: address is believed; otherwise why not, in words for the owner. */
    String doubt(String envelopeSender, ParsedMail mail) {
        String from = mail.from();
        if (from == null || from.isBlank()) {
            return "The message has no From: address, so who sent it cannot be told.";
        }
        if (mail.fromAddresses() > 1) {
            return "The message names more than one sender in From:, a way to show one sender and have another checked.";
        }
        String domain = domainOf(from);
        Optional<AuthenticationResults> verdict = trustedVerdict(mail.authenticationResults());
        if (verdict.isPresent()) {
            AuthenticationResults results = verdict.get();
            String relay = results.authservId();
            if (results.of("dmarc").stream().anyMatch(result -> result.result().equals("fail"))) {
                return "Your relay " + relay + " reports that DMARC failed for " + domain
                        + ": the From: address " + from + " is probably forged.";
            }
            boolean spfFailed = results.of("spf").stream()
                    .anyMatch(result -> result.result().equals("fail") || result.result().equals("softfail"));
            boolean dkimPassed = results.of("dkim").stream().anyMatch(result -> result.result().equals("pass"));
            if (spfFailed && !dkimPassed) {
                return "Your relay " + relay + " reports that SPF failed and no DKIM signature passed: the mail"
                        + " did not come from a server of " + domain + ", so the From: address " + from
                        + " may be forged.";
            }
            if (vouchesFor(results, domain)) {
                return null;
            }
        }
        String envelope = envelopeSender == null ? "" : envelopeSender.strip().toLowerCase(Locale.ROOT);
        if (envelope.equals(from)) {
            return null;
        }
        return "The envelope sender (MAIL FROM " + (envelope.isEmpty() ? "<>" : "<" + envelope + ">")
                + ") is not the From: address " + from + ". Anyone can write a From: address, so this mail waits for"
                + " you; mailing lists and forwarding also send mail this way.";
    }

    /** The topmost header from a trusted authserv-id: the one that relay added (see the class comment). */
    private Optional<AuthenticationResults> trustedVerdict(List<String> headers) {
        if (trustedAuthservIds.isEmpty()) {
            return Optional.empty();
        }
        return headers.stream()
                .map(AuthenticationResults::parse)
                .flatMap(Optional::stream)
                .filter(results -> trustedAuthservIds.contains(results.authservId()))
                .findFirst();
    }

    /** A pass the relay saw for the From: domain itself: DMARC, an aligned DKIM signature, or SPF. */
    private static boolean vouchesFor(AuthenticationResults results, String domain) {
        boolean dmarc = results.of("dmarc").stream().anyMatch(result -> result.result().equals("pass")
                && matches(result.properties().getOrDefault("header.from", domain), domain));
        boolean dkim = results.of("dkim").stream().anyMatch(result -> result.result().equals("pass")
                && (matches(result.properties().get("header.d"), domain)
                        || matches(domainOf(result.properties().get("header.i")), domain)));
        boolean spf = results.of("spf").stream().anyMatch(result -> result.result().equals("pass")
                && domain.equals(domainOf(result.properties().get("smtp.mailfrom"))));
        return dmarc || dkim || spf;
    }

    /** The signing domain is the From: domain or a parent of it (DKIM's relaxed alignment). */
    private static boolean matches(String signer, String domain) {
        if (signer == null || signer.isBlank()) {
            return false;
        }
        String d = signer.strip().toLowerCase(Locale.ROOT);
        return domain.equals(d) || domain.endsWith("." + d) && d.contains(".");
    }

    /** The part after the last @, lower-cased; a bare domain as it is. */
    private static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        String value = address.strip().toLowerCase(Locale.ROOT);
        return value.substring(value.lastIndexOf('@') + 1);
    }
}
