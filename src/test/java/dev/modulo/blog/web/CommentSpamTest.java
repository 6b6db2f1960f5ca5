package dev.modulo.blog.web;

import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.spam.SpamFilter;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.modulo.blog.web.BlogPagesTest.idOf;
import static dev.modulo.blog.web.BlogPagesTest.month;
import static dev.modulo.blog.web.BlogPagesTest.post;
import static dev.modulo.blog.web.CommentsTest.comment;
import static dev.modulo.blog.web.CommentsTest.firstCommentIdIn;
import static org.assertj.core.api.Assertions.assertThat;

/** Comments the owner's spam filter recognises wait under Rejected; Spam / Not spam teach the filter. */
@ModuloIntegrationTest
class CommentSpamTest {

    static final String SPAM = "WINNER! Claim your free prize now, click here, limited offer, cheap viagra, "
            + "casino bonus, free spins, guaranteed cash";

    @Autowired
    WebTestClient client;

    @Autowired
    SpamFilter filter;

    @Autowired
    AccountService accounts;

    @Test
    void spamGoesToRejectedAndTheOwnersChoicesTeachTheirFilter() {
        TwoAccounts people = TwoAccounts.signUp(client);
        TestBrowser owner = people.owner();
        idOf(owner.post("/blog", post("Talk to me", "Say something.", "", "now")));
        String postPath = "/@" + people.ownerName() + "/" + month() + "/talk-to-me";

        TestBrowser visitor = new TestBrowser(client);
        visitor.get(postPath);
        assertThat(visitor.post(postPath + "/comments", comment("Prize Office", "https://win.example", SPAM)).location())
                .isEqualTo(postPath + "?commented");
        assertThat(visitor.post(postPath + "/comments", comment("Ada", "", "What a lovely walk by the river.")).location())
                .isEqualTo(postPath + "?commented");

        Page pending = owner.get("/blog/comments");
        assertThat(pending.body()).contains("What a lovely walk").doesNotContain("Prize Office");
        Page rejected = owner.get("/blog/comments?status=rejected");
        assertThat(rejected.body()).contains("Prize Office", "Not spam");
        long spamId = firstCommentIdIn(rejected);
        long adaId = firstCommentIdIn(pending);

        people.assertIntruderGets404(List.of(
                Route.post("/blog/comments/" + spamId + "/not-spam?from=rejected", Map.of()),
                Route.post("/blog/comments/" + adaId + "/spam?from=pending", Map.of())));

        long owners = accounts.findByUsername(people.ownerName()).block().id();
        String adaText = "Ada\n\nWhat a lovely walk by the river.";
        double before = filter.score(owners, adaText).block().probability();
        assertThat(owner.post("/blog/comments/" + adaId + "/spam?from=pending", Map.of()).location())
                .isEqualTo("/blog/comments?status=pending");
        assertThat(filter.score(owners, adaText).block().probability()).isGreaterThan(before);
        assertThat(owner.get("/blog/comments?status=rejected").body()).contains("What a lovely walk");

        assertThat(owner.post("/blog/comments/" + spamId + "/not-spam?from=rejected", Map.of()).location())
                .isEqualTo("/blog/comments?status=rejected");
        assertThat(new TestBrowser(client).get(postPath).body()).contains("Prize Office")
                .doesNotContain("What a lovely walk");
    }
}
