package dev.modulo.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a redirect may lead when the target comes from the request (a form's {@code return} field,
 * the page saved before login): only to a path on this site. A path starts with one {@code /}
 * (not {@code //} or {@code /\}, which browsers read as another host), has no scheme or host, no
 * backslash and no control characters (a CR/LF would split the response header), and is a valid URI.
 */
public final class LocalRedirects {

    private static final int MAX_LENGTH = 2000;

    private LocalRedirects() {
    }

    /** Whether {@code target} is a path on this site that is safe to redirect to. */
    public static boolean isLocal(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_LENGTH || target.charAt(0) != '/') {
            return false;
        }
        if (target.length() > 1 && (target.charAt(1) == '/' || target.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        try {
            URI uri = new URI(target);
            return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/");
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }

    /**
     * {@code target} when it is a local path; {@code fallback} when none was given (absent or blank);
     * otherwise a 400: a return address that leads elsewhere was not made by Modulo's pages.
     */
    public static String localOr(String target, String fallback) {
        if (target == null || target.isBlank()) {
            return fallback;
        }
        if (!isLocal(target)) {
            throw ClientFault.badRequest("The address to return to is not a page of Modulo, so nothing was done."
                    + " Go back, reload the page and try again.");
        }
        return target;
    }
}
