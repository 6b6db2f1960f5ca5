package dev.modulo.spam;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The distinct words of a text, as the filter counts them: lower case, 2 to 40 characters, at most 500. */
final class SpamTokens {

    static final int MAX_TOKENS = 500;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}$€£!'’.-]+");
    private static final Pattern URL_HOST = Pattern.compile("https?://([^/\\s?#>\"']+)", Pattern.CASE_INSENSITIVE);

    private SpamTokens() {
    }

    static Set<String> of(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        String source = text == null ? "" : text;
        Matcher hosts = URL_HOST.matcher(source);
        while (hosts.find() && tokens.size() < MAX_TOKENS) {
            tokens.add("url:" + cut(hosts.group(1).toLowerCase(Locale.ROOT)));
        }
        Matcher words = WORD.matcher(source.toLowerCase(Locale.ROOT));
        while (words.find() && tokens.size() < MAX_TOKENS) {
            String word = words.group().replaceAll("^[.'’-]+|[.'’-]+$", "");
            if (word.length() >= 2 && word.length() <= 40 && !word.chars().allMatch(Character::isDigit)) {
                tokens.add(word);
            }
        }
        return tokens;
    }

    private static String cut(String token) {
        return token.length() > 60 ? token.substring(0, 60) : token;
    }
}
