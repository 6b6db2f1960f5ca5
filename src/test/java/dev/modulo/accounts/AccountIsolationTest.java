package dev.modulo.accounts;

import java.util.List;
import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TwoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts have no ids in their routes: every account route acts on the signed-in account. This
 * proves one person's forms never reach another's account, whatever they post.
 */
@ModuloIntegrationTest
class AccountIsolationTest {

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    StorageQuota quota;

    @Test
    void theAccountPageShowsOnlyTheSignedInAccount() {
        TwoAccounts two = TwoAccounts.signUp(client);

        String intruderPage = two.intruder().get("/account").body();

        assertThat(intruderPage).contains(two.intruderName() + "@example.com")
                .doesNotContain(two.ownerName());
    }

    @Test
    void formsCarryingTheOwnersNamesOrIdsStillOnlyChangeTheIntrudersAccount() {
        TwoAccounts two = TwoAccounts.signUp(client);
        long ownerId = idOf(two.ownerName());

        two.intruder().post("/account/plan", Map.of("planId", "pro", "accountId", String.valueOf(ownerId),
                "username", two.ownerName()));
        two.intruder().post("/account/delete", Map.of("password", TwoAccounts.PASSWORD, "confirm", "DELETE",
                "accountId", String.valueOf(ownerId)));

        Account owner = accounts.find(ownerId).block();
        assertThat(owner.planId()).isEqualTo("basic");
        assertThat(two.owner().get("/dashboard").status()).isEqualTo(200);
        assertThat(two.intruder().get("/dashboard").location()).as("the intruder deleted only itself").isEqualTo("/login");
    }

    @Test
    void oneAccountsReservationsDoNotTouchAnothersQuota() {
        TwoAccounts two = TwoAccounts.signUp(client);
        long ownerId = idOf(two.ownerName());
        long intruderId = idOf(two.intruderName());

        quota.reserve(intruderId, 1_000_000).block();

        assertThat(quota.usage(ownerId).block().usedBytes()).isZero();
        assertThat(quota.usage(intruderId).block().usedBytes()).isEqualTo(1_000_000);
    }

    @Test
    void theHarnessReportsNoLeakForRoutesThatAreNotThere() {
        TwoAccounts two = TwoAccounts.signUp(client);

        two.assertIntruderGets404(List.of(TwoAccounts.Route.get("/account/" + idOf(two.ownerName()))));
    }

    private long idOf(String username) {
        return accounts.findByUsername(username).block().id();
    }
}
