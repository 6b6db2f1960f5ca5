package dev.modulo.blog;

/**
 * A post as the editor sends it. Any field may be missing or malformed; {@link BlogService}
 * checks each and answers with messages beside the fields.
 *
 * @param slug      empty: made from the title (new posts) or kept (existing posts)
 * @param tags      comma-separated, as typed
 * @param publish   {@code draft}, {@code now} or {@code at}
 * @param publishAt local date and time in the account's zone, {@code 2026-12-24T09:00}, for {@code at}
 */
public record PostDraft(String title, String slug, String bodyMarkdown, String tags, String publish,
        String publishAt, boolean commentsEnabled) {

    public static PostDraft empty() {
        return new PostDraft("", "", "", "", "draft", "", true);
    }
}
