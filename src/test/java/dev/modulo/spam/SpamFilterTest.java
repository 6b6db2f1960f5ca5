package dev.modulo.spam;

import java.util.List;

import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.SignupRequest;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Robinson–Fisher filter: its built-in training, and what each account teaches it, for that account only. */
@ModuloIntegrationTest
class SpamFilterTest {

    @Autowired
    SpamFilter filter;

    @Autowired
    AccountService accounts;

    long signUp() {
        String name = TestBrowser.uniqueName("spam");
        return accounts.signup(new SignupRequest(name, name + "@example.com", "a long and unusual passphrase", "basic",
                "Europe/Berlin", "DE")).block().id();
    }

    @Test
    void theBuiltInTrainingTellsObviousSpamFromAPersonalPost() {
        long account = signUp();
        SpamScore spam = filter.score(account, "WINNER! Claim your free prize now, click here, limited offer, "
                + "cheap viagra and casino bonus, guaranteed cash").block();
        SpamScore ham = filter.score(account, "We walked along the river with the children and had a picnic "
                + "in the garden by the old church. The weather was lovely.").block();

        assertThat(spam.spam()).isTrue();
        assertThat(spam.probability()).isGreaterThan(0.9);
        assertThat(ham.spam()).isFalse();
        assertThat(ham.probability()).isLessThan(0.2);
        assertThat(filter.score(account, "zzq xxv qqw").block().probability()).as("nothing known").isEqualTo(0.5);
        assertThat(filter.score(account, "Free entry to the museum today! Act now, the offer ends soon").block().spam())
                .as("a few salesy words in a personal note are not enough").isFalse();
    }

    @Test
    void eachAccountsDecisionsTeachOnlyItsOwnFilter() {
        long teacher = signUp();
        long other = signUp();
        String novel = "Zorblax hypergadgets zorblax megadeals for quixotic flumphs";
        double before = filter.score(teacher, novel).block().probability();
        assertThat(before).isEqualTo(0.5);

        for (int i = 0; i < 3; i++) {
            filter.train(teacher, novel, true).block();
        }
        filter.train(teacher, "Photos of flumphs in our quixotic garden", false).block();

        assertThat(filter.score(teacher, novel).block().spam()).isTrue();
        assertThat(filter.score(other, novel).block().probability()).isEqualTo(0.5);
        assertThat(filter.score(other, novel).block().spam()).isFalse();
    }

    @Test
    void fishersCombinationBehavesAtItsEdges() {
        assertThat(RobinsonFisher.inverseChiSquare(0, 10)).isEqualTo(1.0, within(1e-12));
        assertThat(RobinsonFisher.inverseChiSquare(1e6, 10)).isEqualTo(0.0, within(1e-12));
        assertThat(RobinsonFisher.score(List.of(), 10, 10)).isEqualTo(0.5);
        List<RobinsonFisher.Counts> spammy = List.of(new RobinsonFisher.Counts(9, 0), new RobinsonFisher.Counts(8, 1));
        List<RobinsonFisher.Counts> hammy = List.of(new RobinsonFisher.Counts(0, 9), new RobinsonFisher.Counts(1, 8));
        assertThat(RobinsonFisher.score(spammy, 10, 10)).isGreaterThan(0.9);
        assertThat(RobinsonFisher.score(hammy, 10, 10)).isLessThan(0.1);
        assertThat(SpamTokens.of("Visit https://Cheap.Example/win now, NOW!")).contains("url:cheap.example", "visit", "now");
    }
}
