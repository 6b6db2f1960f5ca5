package dev.modulo.web;

import java.util.List;

/**
 * Paths a module serves to people who are not signed in (path patterns, e.g. {@code /@*}/**).
 * Everything else requires a signed-in account.
 */
@FunctionalInterface
public interface PublicPaths {

    List<String> patterns();
}
