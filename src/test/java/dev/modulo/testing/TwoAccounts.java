package dev.modulo.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-account isolation harness every module's tests use: two people, each signed in in
 * their own browser. The owner creates things; the intruder tries the owner's ids on every route of
 * a module and must get 404 each time — never 200, 403 (which would confirm the id exists) or 500.
 *
 * <pre>{@code
 * var accounts = TwoAccounts.signUp(client);
 * long id = createContact(accounts.owner());
 * accounts.assertIntruderGets404(List.of(
 *         Route.get("/contacts/" + id),
 *         Route.post("/contacts/" + id + "/delete", Map.of())));
 * }</pre>
 */
public final class TwoAccounts {

    public static final String PASSWORD = "a long and unusual passphrase";

    private final TestBrowser owner;
    private final TestBrowser intruder;
    private final String ownerName;
    private final String intruderName;

    private TwoAccounts(TestBrowser owner, String ownerName, TestBrowser intruder, String intruderName) {
        this.owner = owner;
        this.ownerName = ownerName;
        this.intruder = intruder;
        this.intruderName = intruderName;
    }

    public static TwoAccounts signUp(WebTestClient client) {
        String ownerName = TestBrowser.uniqueName("owner");
        String intruderName = TestBrowser.uniqueName("intruder");
        TestBrowser owner = new TestBrowser(client).signUp(ownerName, PASSWORD, "basic");
        TestBrowser intruder = new TestBrowser(client).signUp(intruderName, PASSWORD, "basic");
        return new TwoAccounts(owner, ownerName, intruder, intruderName);
    }

    public TestBrowser owner() {
        return owner;
    }

    public TestBrowser intruder() {
        return intruder;
    }

    public String ownerName() {
        return ownerName;
    }

    public String intruderName() {
        return intruderName;
    }

    /** Tries every route as the intruder; fails listing each route that did not answer 404. */
    public void assertIntruderGets404(List<Route> routes) {
        List<String> leaks = new ArrayList<>();
        for (Route route : routes) {
            TestBrowser.Page page = route.method() == HttpMethod.GET
                    ? intruder.get(route.path())
                    : intruder.post(route.path(), route.form());
            if (page.status() != 404) {
                leaks.add(route.method() + " " + route.path() + " answered " + page.status());
            }
        }
        assertThat(leaks).as("routes that let %s reach %s's data", intruderName, ownerName).isEmpty();
    }

    /** One request the intruder makes with the owner's ids. */
    public record Route(HttpMethod method, String path, Map<String, String> form) {

        public static Route get(String path) {
            return new Route(HttpMethod.GET, path, Map.of());
        }

        public static Route post(String path, Map<String, String> form) {
            return new Route(HttpMethod.POST, path, form);
        }
    }
}
