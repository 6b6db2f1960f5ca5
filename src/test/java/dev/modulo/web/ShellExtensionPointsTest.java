package dev.modulo.web;

import java.util.List;

import dev.modulo.platform.InvalidInput;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a module plugs into the shell — a tab, public pages — and how the shell answers a module
 * that fails: with its error pages, never a stack trace.
 */
@ModuloIntegrationTest
@Import(ShellExtensionPointsTest.ProbeModule.class)
class ShellExtensionPointsTest {

    @Autowired
    WebTestClient client;

    TestBrowser signedIn() {
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("shell"), "a long and unusual passphrase", "basic");
    }

    @Test
    void aModulesTabAppearsInTheShellAndOnTheDashboard() {
        Page dashboard = signedIn().get("/dashboard");

        assertThat(dashboard.body()).contains("href=\"/probe\">Probe</a>");
        assertThat(dashboard.body()).contains("class=\"module-card\"");
    }

    @Test
    void aModulesPublicPathsNeedNoAccountAndTheRestDo() {
        assertThat(new TestBrowser(client).get("/probe-public/hello").body()).isEqualTo("hello, anyone");
        assertThat(new TestBrowser(client).get("/probe").location()).isEqualTo("/login");
    }

    @Test
    void aFailingModuleGetsTheFriendly500Page() {
        Page page = signedIn().get("/probe/broken");

        assertThat(page.status()).isEqualTo(500);
        assertThat(page.body()).contains("Something went wrong on our side")
                .doesNotContain("IllegalStateException", "at dev.modulo", "secret detail");
    }

    @Test
    void invalidInputAModuleDidNotHandleIsA400ListingWhatToCorrect() {
        Page page = signedIn().get("/probe/invalid");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("A title is needed.");
    }

    /** A stand-in module with a tab, a public page and two failing routes. */
    @TestConfiguration
    static class ProbeModule {

        @Bean
        NavigationTab probeTab() {
            return new NavigationTab("Probe", "/probe", 10);
        }

        @Bean
        PublicPaths probePublicPaths() {
            return () -> List.of("/probe-public/**");
        }

        @Bean
        ProbeController probeController() {
            return new ProbeController();
        }
    }

    @RestController
    static class ProbeController {

        @GetMapping("/probe")
        String home() {
            return "probe";
        }

        @GetMapping("/probe-public/hello")
        String hello() {
            return "hello, anyone";
        }

        @GetMapping("/probe/broken")
        String broken() {
            throw new IllegalStateException("secret detail");
        }

        @GetMapping("/probe/invalid")
        String invalid() {
            throw InvalidInput.of("title", "A title is needed.");
        }
    }
}
