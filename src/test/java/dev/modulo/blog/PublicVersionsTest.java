package dev.modulo.blog;

import java.time.Instant;
import java.util.List;

import dev.modulo.platform.DataVersions;
import dev.modulo.testing.Migrations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A blog's public version and next scheduled post, on both engines. */
class PublicVersionsTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyChangeCountsAndTheNextScheduledPostIsTheEarliestStillToCome(String engine) {
        Migrations database = Migrations.empty(engine).migrateTo(null);
        database.account(1);
        database.account(2);
        database.execute("""
                INSERT INTO blog_post (account_id, slug, title, body_markdown, body_html, tags, published_at,
                    comments_enabled, created_at, updated_at)
                VALUES (1, 'past', 'Past', '', '', '', TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00', TRUE,
                        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
                       (1, 'soon', 'Soon', '', '', '', TIMESTAMP WITH TIME ZONE '2026-12-03 08:00:00+00', TRUE,
                        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
                       (1, 'later', 'Later', '', '', '', TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+00', TRUE,
                        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
                       (1, 'draft', 'Draft', '', '', '', NULL, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""");
        DatabaseClient db = DatabaseClient.create(database.connectionFactory());
        PublicVersions versions = new PublicVersions(new DataVersions(db), db);

        assertThat(versions.read(1, NOW).block())
                .isEqualTo(new PublicVersions.Read(0, Instant.parse("2026-12-03T08:00:00Z")));
        assertThat(versions.read(2, NOW).block()).isEqualTo(new PublicVersions.Read(0, null));

        versions.bump(1).block();
        versions.bump(1).block();
        versions.bump(2).block();

        assertThat(versions.read(1, NOW).block().version()).isEqualTo(2);
        assertThat(versions.read(2, Instant.parse("2027-06-01T00:00:00Z")).block())
                .isEqualTo(new PublicVersions.Read(1, null));
        assertThat(database.rows("SELECT account_id, kind, version FROM data_version ORDER BY account_id"))
                .isEqualTo(List.of("1 blog-public 2", "2 blog-public 1"));
    }
}
