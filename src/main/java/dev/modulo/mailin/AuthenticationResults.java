package dev.modulo.mailin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Authentication-Results} header (RFC 8601): who wrote it (the authserv-id) and the
 * verdict of each method it checked, such as {@code spf=pass smtp.mailfrom=example.org} or
 * {@code dmarc=fail header.from=example.org}. Anyone can write this header, so it says nothing
 * until its authserv-id is one the operator trusts (see {@link SenderCheck}).
 *
 * <p>No maintained Java library reads this header; the grammar is small: comments in
 * parentheses, quoted strings, then {@code authserv-id [version] ; resinfo ; resinfo …}.
 */
record AuthenticationResults(String authservId, List<Result> results) {

    /** One method's verdict: {@code method=result} and its properties ({@code header.from}, {@code smtp.mailfrom}, …). */
    record Result(String method, String result, Map<String, String> properties) {

        boolean is(String method, String result) {
            return this.method.equals(method) && this.result.equals(result);
        }
    }

    /** The header's value read, or empty when it cannot be (then it is ignored, as if absent). */
    static Optional<AuthenticationResults> parse(String value) {
        if (value == null || value.length() > 20_000) {
            return Optional.empty();
        }
        List<String> parts = split(withoutComments(value));
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String[] head = parts.get(0).strip().split("\\s+");
        String id = unquote(head[0]).toLowerCase(Locale.ROOT);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<Result> results = new ArrayList<>();
        for (String resinfo : parts.subList(1, parts.size())) {
            result(resinfo).ifPresent(results::add);
        }
        return Optional.of(new AuthenticationResults(id, List.copyOf(results)));
    }

    /** The verdicts of one method, such as every {@code dkim} signature checked. */
    List<Result> of(String method) {
        return results.stream().filter(result -> result.method().equals(method)).toList();
    }

    private static Optional<Result> result(String resinfo) {
        // CFWS may surround '=', '.' and '/': close it up, then split on what is left.
        String text = resinfo.strip().replaceAll("\\s*([=./])\\s*", "$1");
        List<String> tokens = tokens(text);
        if (tokens.isEmpty() || !tokens.get(0).contains("=")) {
            return Optional.empty(); // "none": no checks were made
        }
        String first = tokens.get(0);
        String method = first.substring(0, first.indexOf('=')).replaceFirst("/.*$", "").toLowerCase(Locale.ROOT);
        String result = unquote(first.substring(first.indexOf('=') + 1)).toLowerCase(Locale.ROOT);
        Map<String, String> properties = new LinkedHashMap<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                properties.putIfAbsent(token.substring(0, equals).toLowerCase(Locale.ROOT),
                        unquote(token.substring(equals + 1)));
            }
        }
        return Optional.of(new Result(method, result, Map.copyOf(properties)));
    }

    /** Comments, {@code (…)}, may nest and hold quoted pairs; outside quoted strings they go. */
    private static String withoutComments(String value) {
        StringBuilder kept = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    kept.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                kept.append(c);
            } else if (!quoted && c == '(') {
                depth++;
                kept.append(depth == 1 ? " " : "");
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Splits on {@code ;} outside quoted strings. */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted && i + 1 < value.length()) {
                part.append(c).append(value.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                part.append(c);
            } else if (c == ';' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.toString().isBlank()) {
            parts.add(part.toString());
        }
        return parts.stream().filter(text -> !text.isBlank()).toList();
    }

    /** Splits on white space outside quoted strings. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                token.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static String unquote(String text) {
        String value = text.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }
}
