package dev.modulo.mailin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication-Results headers as relays write them (RFC 8601 and its appendix B examples). */
class AuthenticationResultsTest {

    @Test
    void readsTheAuthservIdAndEachMethodsVerdictWithItsProperties() {
        AuthenticationResults results = AuthenticationResults.parse("""
                Mx.Example.COM 1; (a comment; with a semicolon) spf = pass (sender ok) smtp.mailfrom=Lists.Example;
                 dkim=pass (good signature) header.d=example.org header.i=@example.org header.s="sel 1";
                 dkim/1=fail header.d=other.example; dmarc=fail (p=reject dis=none) header.from=example.org""").orElseThrow();

        assertThat(results.authservId()).isEqualTo("mx.example.com");
        assertThat(results.of("spf")).singleElement().satisfies(spf -> {
            assertThat(spf.result()).isEqualTo("pass");
            assertThat(spf.properties()).containsEntry("smtp.mailfrom", "Lists.Example");
        });
        assertThat(results.of("dkim")).extracting(AuthenticationResults.Result::result).containsExactly("pass", "fail");
        assertThat(results.of("dkim").get(0).properties()).containsEntry("header.d", "example.org")
                .containsEntry("header.s", "sel 1");
        assertThat(results.of("dmarc").get(0).is("dmarc", "fail")).isTrue();
    }

    @Test
    void noneAndUnreadableHeadersSayNothing() {
        assertThat(AuthenticationResults.parse("example.org 1; none").orElseThrow().results()).isEmpty();
        assertThat(AuthenticationResults.parse("   ")).isEmpty();
        assertThat(AuthenticationResults.parse("(only a comment)")).isEmpty();
        assertThat(AuthenticationResults.parse("\"mx.example\" ; spf=pass").orElseThrow().authservId())
                .isEqualTo("mx.example");
    }
}
