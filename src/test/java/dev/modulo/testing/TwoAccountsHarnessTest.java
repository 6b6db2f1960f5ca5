package dev.modulo.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The isolation harness itself: it passes a scoped route and catches a leaky one. */
@ModuloIntegrationTest
@Import(TwoAccountsHarnessTest.Notes.class)
class TwoAccountsHarnessTest {

    @Autowired
    WebTestClient client;

    @Test
    void aRouteScopedToTheSignedInAccountPasses() {
        TwoAccounts two = TwoAccounts.signUp(client);
        String id = two.owner().post("/harness-probe/notes", Map.of()).body();
        assertThat(two.owner().get("/harness-probe/scoped/" + id).status()).isEqualTo(200);

        two.assertIntruderGets404(List.of(Route.get("/harness-probe/scoped/" + id)));
    }

    @Test
    void aRouteThatIgnoresTheAccountIsReported() {
        TwoAccounts two = TwoAccounts.signUp(client);
        String id = two.owner().post("/harness-probe/notes", Map.of()).body();

        assertThatThrownBy(() -> two.assertIntruderGets404(List.of(
                Route.get("/harness-probe/scoped/" + id),
                Route.get("/harness-probe/leaky/" + id))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /harness-probe/leaky/" + id + " answered 200")
                .message().doesNotContain("scoped");
    }

    /** A stand-in module: one scoped finder, one that forgets the account. */
    @RestController
    static class Notes {

        private final Map<Long, Long> ownerOfNote = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();

        @PostMapping("/harness-probe/notes")
        String create(@AuthenticationPrincipal AccountPrincipal me) {
            long id = ids.incrementAndGet();
            ownerOfNote.put(id, me.accountId());
            return Long.toString(id);
        }

        @GetMapping("/harness-probe/scoped/{id}")
        String scoped(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
            if (!Long.valueOf(me.accountId()).equals(ownerOfNote.get(id))) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return "note " + id;
        }

        @GetMapping("/harness-probe/leaky/{id}")
        String leaky(@PathVariable long id) {
            return "note " + id;
        }
    }
}
