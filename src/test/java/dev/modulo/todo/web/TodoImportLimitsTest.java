package dev.modulo.todo.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks whose values would not fit are imported with what fits and a note, never a 500. */
@ModuloIntegrationTest
class TodoImportLimitsTest {

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        return new TestBrowser(client)
                .signUp(TestBrowser.uniqueName("todolim"), "a long and unusual passphrase", "basic");
    }

    @Test
    void aTaskWithAThousandCategoriesKeepsTwentyTagsAndSaysSo() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Tagged");
        String categories = IntStream.range(0, 1_000).mapToObj(i -> "tag" + i).collect(Collectors.joining(","));

        Page report = me.uploadFile("/todo/lists/" + list + "/import", "file", "tags.ics",
                todo("UID:many-tags\r\nSUMMARY:Sort the shed\r\nCATEGORIES:" + categories + "\r\n"));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>1</strong> tasks added", "980 tags were left out",
                "at most 20 tags of up to 40 characters each");
        long task = TodoPagesTest.taskIds(me.get("/todo/lists/" + list)).get(0);
        assertThat(me.get("/todo/tasks/" + task).body()).contains("tag0, tag1,", "tag19\"").doesNotContain("tag20");
    }

    @Test
    void aPaddedRepeatCodeIsStoredAsWhatItMeans() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Repeating");

        Page report = me.uploadFile("/todo/lists/" + list + "/import", "file", "repeat.ics",
                todo("UID:padded\r\nSUMMARY:Stretch\r\nX-MODULO-REPEAT:week:1:" + "MONDAY,".repeat(2_000) + "MONDAY\r\n"));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>1</strong> tasks added");
        assertThat(me.get("/todo/lists/" + list).body()).contains("↻ every week on Mon");
    }

    @Test
    void theLongestRuleTheEditorAcceptsIsSaved() {
        TestBrowser me = signUp();
        long list = TodoPagesTest.createList(me, "Often");
        me.post("/todo/lists/" + list + "/tasks", Map.of("line", "Feed the cat"));
        long task = TodoPagesTest.taskIds(me.get("/todo/lists/" + list)).get(0);

        Page saved = me.post("/todo/tasks/" + task, Map.of("title", "Feed the cat", "notes", "", "dueDate", "2026-05-04",
                "dueTime", "", "priority", "0", "tags", "", "listId", Long.toString(list),
                "repeats", "every 365 weeks on mon, tue, wed, thu, fri, sat, sun"));

        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(me.get("/todo/lists/" + list).body()).contains("↻ every 365 weeks on Mon, Tue, Wed, Thu, Fri, Sat, Sun");
    }

    private static byte[] todo(String properties) {
        return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VTODO\r\nDTSTAMP:20260101T000000Z\r\n"
                + properties + "END:VTODO\r\nEND:VCALENDAR\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
