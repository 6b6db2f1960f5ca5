package dev.modulo.blog;

import java.time.Instant;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.SignupRequest;
import dev.modulo.platform.InvalidInput;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

@ModuloIntegrationTest
class BlogServiceTest {

    @Autowired
    BlogService blog;

    @Autowired
    AccountService accounts;

    Account account;

    @BeforeEach
    void signUp() {
        String username = TestBrowser.uniqueName("writer");
        account = accounts.signup(new SignupRequest(username, username + "@example.com",
                "a long and unusual passphrase", "basic", "Europe/Berlin", "DE")).block();
    }

    PostDraft draft(String title, String body) {
        return new PostDraft(title, "", body, "", "now", "", true);
    }

    @Test
    void aPostIsStoredWithSanitizedHtmlRenderedOnceAndASlugFromItsTitle() {
        BlogPost post = blog.create(account.id(), new PostDraft("Hello, World!", "", "Hi **there** <script>x()</script>",
                "Travel, food,  Food , ", "now", "", true)).block();

        assertThat(post.slug()).isEqualTo("hello-world");
        assertThat(post.bodyHtml()).isEqualTo("<p>Hi <strong>there</strong> </p>\n");
        assertThat(post.tagList()).containsExactly("travel", "food");
        assertThat(post.isPublic(Instant.now())).isTrue();
    }

    @Test
    void slugsAreUniqueInOneBlogAndStableWhenTheTitleChanges() {
        BlogPost first = blog.create(account.id(), draft("Same title", "one")).block();
        BlogPost second = blog.create(account.id(), draft("Same title", "two")).block();
        assertThat(first.slug()).isEqualTo("same-title");
        assertThat(second.slug()).isEqualTo("same-title-2");

        BlogPost renamed = blog.update(account.id(), first.id(), draft("A better title", "one")).block();
        assertThat(renamed.slug()).isEqualTo("same-title");

        StepVerifier.create(blog.update(account.id(), second.id(),
                        new PostDraft("Same title", "same-title", "two", "", "now", "", true)))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors().get("slug"))
                        .contains("Another post already has this address"))
                .verify();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            empty title        | title       | Give the post a title.
            bad slug           | slug        | Use lower-case letters and digits
            bad date           | publishAt   | Enter a date and time like 2026-12-24 09:00.
            far future         | publishAt   | Choose a date between the years 1900 and 9999.
            unknown choice     | publish     | Choose draft, publish now, or publish at a time.
            too long           | bodyMarkdown | The post is too long
            """)
    void badInputIsExplainedBesideItsField(String kind, String field, String message) {
        PostDraft bad = switch (kind) {
            case "empty title" -> new PostDraft("  ", "", "text", "", "draft", "", true);
            case "bad slug" -> new PostDraft("Title", "Not A Slug!", "text", "", "draft", "", true);
            case "bad date" -> new PostDraft("Title", "", "text", "", "at", "next tuesday", true);
            case "far future" -> new PostDraft("Title", "", "text", "", "at", "+20000-01-01T00:00", true);
            case "unknown choice" -> new PostDraft("Title", "", "text", "", "sometime", "", true);
            default -> new PostDraft("Title", "", "x".repeat(BlogService.MAX_BODY + 1), "", "draft", "", true);
        };

        StepVerifier.create(blog.create(account.id(), bad))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors())
                        .hasEntrySatisfying(field, text -> assertThat(text).contains(message)))
                .verify();
        StepVerifier.create(blog.list(account.id(), 1))
                .assertNext(page -> assertThat(page.posts()).as("nothing half-saved").isEmpty())
                .verifyComplete();
    }

    @Test
    void publishAtIsReadInTheAccountsTimeZone() {
        BlogPost post = blog.create(account.id(), new PostDraft("Christmas", "", "Ho ho ho", "", "at",
                "2030-12-24 09:00", true)).block();

        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2030-12-24T08:00:00Z"));
        assertThat(post.isScheduled(Instant.now())).isTrue();
    }

    @Test
    void editingAPublishedPostKeepsItsPublicationDate() {
        BlogPost post = blog.create(account.id(), draft("Kept", "v1")).block();

        BlogPost edited = blog.update(account.id(), post.id(), draft("Kept", "v2")).block();

        assertThat(edited.publishedAt()).isEqualTo(post.publishedAt());
        assertThat(edited.bodyMarkdown()).isEqualTo("v2");
    }

    @Test
    void anotherAccountsPostIsNotFoundForAnyOperation() {
        BlogPost post = blog.create(account.id(), draft("Mine", "mine")).block();
        String other = TestBrowser.uniqueName("other");
        long otherId = accounts.signup(new SignupRequest(other, other + "@example.com", "a long and unusual passphrase",
                "basic", null, null)).block().id();

        StepVerifier.create(blog.find(otherId, post.id())).expectError(PostNotFound.class).verify();
        StepVerifier.create(blog.update(otherId, post.id(), draft("Yours now", "x"))).expectError(PostNotFound.class).verify();
        StepVerifier.create(blog.delete(otherId, post.id())).expectError(PostNotFound.class).verify();
        assertThat(blog.find(account.id(), post.id()).block().title()).isEqualTo("Mine");
    }

    @Test
    void settingsStartFromDefaultsAndAreChecked() {
        assertThat(blog.settings(account.id()).block().title()).isEqualTo(account.username() + "’s blog");

        StepVerifier.create(blog.updateSettings(account.id(), " ", "x".repeat(1001), true))
                .expectErrorSatisfies(error -> assertThat(((InvalidInput) error).fieldErrors())
                        .containsOnlyKeys("title", "description"))
                .verify();

        blog.updateSettings(account.id(), "Notes from the garden", "Plants, mostly.", false).block();
        blog.updateSettings(account.id(), "Notes from the garden", "Plants, mostly!", false).block();
        BlogSettings settings = blog.settings(account.id()).block();
        assertThat(settings.title()).isEqualTo("Notes from the garden");
        assertThat(settings.description()).isEqualTo("Plants, mostly!");
        assertThat(settings.commentsEnabled()).isFalse();
    }
}
