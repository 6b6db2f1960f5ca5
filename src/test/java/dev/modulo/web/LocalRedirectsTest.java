package dev.modulo.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalRedirectsTest {

    @Test
    void onlyPathsOnThisSiteAreLocal() {
        assertThat(LocalRedirects.isLocal("/todo/lists/4")).isTrue();
        assertThat(LocalRedirects.isLocal("/calendar/month?date=2026-03-01#today")).isTrue();
        assertThat(LocalRedirects.isLocal("/todo/x%0d%0a")).as("encoded, it is only text in a path").isTrue();
        for (String away : new String[] {null, "", "todo", "//evil.example", "/\\evil.example", "\\\\evil.example",
                "https://evil.example/", "javascript:alert(1)", "/todo/x\r\nSet-Cookie: a=b", "/todo/\u0000",
                "/todo/ x", "/todo/\u2028", "/todo/{x}", "/todo/%zz", " /todo", "/" + "a".repeat(2_000)}) {
            assertThat(LocalRedirects.isLocal(away)).as(String.valueOf(away)).isFalse();
        }
    }

    @Test
    void noTargetFallsBackAndAForeignOneIsA400() {
        assertThat(LocalRedirects.localOr(null, "/todo")).isEqualTo("/todo");
        assertThat(LocalRedirects.localOr("  ", "/todo")).isEqualTo("/todo");
        assertThat(LocalRedirects.localOr("/todo/today", "/todo")).isEqualTo("/todo/today");
        assertThatThrownBy(() -> LocalRedirects.localOr("//evil.example", "/todo"))
                .isInstanceOfSatisfying(ClientFault.class, fault -> assertThat(fault.getStatusCode().value()).isEqualTo(400));
    }
}
