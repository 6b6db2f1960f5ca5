package dev.modulo.bench;

import java.util.HashMap;
import java.util.Map;

import dev.modulo.testing.TestBrowser;

/** A blog worth reading: published posts of a realistic length. */
final class Blogs {

    private static final String BODY = """
            Morning walk along the river. The **herons** were back at the weir, three of them, standing
            in the shallows as if they owned the place, which in a sense they do.

            - a kingfisher, twice
            - coots arguing under the bridge
            - the first frost on the meadow

            Later the fog lifted and the whole valley came out in the low sun. I tried to take a picture
            but it never looks the way it does. [More about the walk](https://example.org/walks/river).
            """;

    private Blogs() {
    }

    /** Publishes {@code count} posts on the blog of the person signed in to {@code browser}. */
    static void withPosts(TestBrowser browser, int count) {
        for (int i = 1; i <= count; i++) {
            Map<String, String> form = new HashMap<>(Map.of("title", "Notes from the river, day " + i,
                    "bodyMarkdown", BODY.repeat(2), "tags", "walks, birds, river", "publish", "now",
                    "action", "save", "commentsEnabled", "on"));
            int status = browser.post("/blog", form).status();
            if (status != 303 && status != 302) {
                throw new IllegalStateException("Could not publish post " + i + ": " + status);
            }
        }
    }
}
