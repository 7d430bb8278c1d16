package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.honkoku.WebAppTest;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.store.StoredBox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/** Each review action through the JSON API, what it stores and what it logs. */
class ReviewApiTest extends WebAppTest {

    @Autowired
    private ProgressRepository progress;
    @Autowired
    private ReviewQueue queue;

    @Test
    void acceptTakesTheMachinesReadingAndLogsIt() throws Exception {
        MockHttpSession bob = signIn("bob");
        ReviewBox box = untouchedBox(pageId(SAMPLE));

        review(bob, box, "ACCEPT", null).andExpect(status().isOk())
                .andExpect(jsonPath("$.boxes[0].reviewed").value(true))
                .andExpect(jsonPath("$.boxes[0].version").value(box.version() + 1));

        ReviewBox after = boxes.find(box.id()).orElseThrow();
        assertThat(after.reviewed()).isEqualTo(box.predicted());
        assertThat(after.reviewedBy()).isEqualTo("bob");
        assertThat(after.reviewedAt()).isNotNull();
        Map<String, Object> log = audit(box.id()).get(0);
        assertThat(log).containsEntry("ACTION", "ACCEPT").containsEntry("USERNAME", "bob")
                .containsEntry("PAGE_ID", box.pageId());
        assertThat((String) log.get("BEFORE_STATE")).startsWith(box.predicted() + " machine");
        assertThat((String) log.get("AFTER_STATE")).startsWith(box.predicted() + " reviewed");
        assertThat(log.get("ACTED_AT")).isNotNull();
    }

    @Test
    void anAlternativeATypedCharacterAndRareAreStored() throws Exception {
        MockHttpSession carol = signIn("carol");
        long page = pageId(SAMPLE);

        ReviewBox first = untouchedBox(page);
        String second = first.alternatives().get(1).label();
        review(carol, first, "SET", second).andExpect(status().isOk());
        assertThat(boxes.find(first.id()).orElseThrow().reviewed()).isEqualTo(second);

        ReviewBox typed = untouchedBox(page);
        review(carol, typed, "SET", "ゑ").andExpect(status().isOk())
                .andExpect(jsonPath("$.boxes[0].character").value("ゑ"));
        assertThat(boxes.find(typed.id()).orElseThrow().reviewed()).isEqualTo("U+3091");

        ReviewBox rare = untouchedBox(page);
        review(carol, rare, "RARE", null).andExpect(status().isOk())
                .andExpect(jsonPath("$.boxes[0].character").value("〓"));
        assertThat(boxes.find(rare.id()).orElseThrow().reviewed()).isEqualTo("rare");

        assertThat(audit(typed.id())).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("ACTION", "SET");
            assertThat((String) row.get("AFTER_STATE")).startsWith("U+3091 reviewed");
        });
    }

    @Test
    void nonsenseIsRefusedAndNothingStored() throws Exception {
        MockHttpSession bob = signIn("bob");
        ReviewBox box = untouchedBox(pageId(SAMPLE));
        review(bob, box, "SET", "ab").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("type exactly one character"));
        review(bob, box, "SET", " ").andExpect(status().isBadRequest());
        review(bob, box, "SET", "U+110000").andExpect(status().isBadRequest());
        mvc.perform(post("/api/boxes/{id}/review", box.id()).session(bob).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"action\":\"ACCEPT\"}")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/boxes/{id}/review", 999_999).session(bob).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"action\":\"ACCEPT\",\"version\":0}"))
                .andExpect(status().isNotFound());
        assertThat(boxes.find(box.id()).orElseThrow()).isEqualTo(box);
        assertThat(audit(box.id())).isEmpty();
    }

    @Test
    void deleteKeepsTheRowAsReviewedButTheCharacterIsGone() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        ReviewBox box = untouchedBox(page);
        int before = boxes.onPage(page).size();

        review(bob, box, "DELETE", null).andExpect(status().isOk()).andExpect(jsonPath("$.boxes[0].deleted").value(true));

        ReviewBox after = boxes.find(box.id()).orElseThrow();
        assertThat(after.reviewed()).isEqualTo(StoredBox.DELETED);
        assertThat(after.geometryReviewed()).isTrue();
        assertThat(boxes.onPage(page)).hasSize(before - 1).noneMatch(b -> b.id() == box.id());
        assertThat(audit(box.id()).get(0)).containsEntry("ACTION", "DELETE");
    }

    @Test
    void splitCutsABoxInTwoReadsBothAndKeepsTheReadingOrder() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        ReviewBox box = boxes.onPage(page).stream().filter(b -> b.reviewedBy() == null && b.h() >= 40)
                .findFirst().orElseThrow();
        List<ReviewBox> column = boxes.onPage(page).stream().filter(b -> b.column() == box.column()).toList();

        review(bob, box, "SPLIT", null).andExpect(status().isOk()).andExpect(jsonPath("$.boxes.length()").value(2));

        ReviewBox upper = boxes.find(box.id()).orElseThrow();
        List<ReviewBox> after = boxes.onPage(page).stream().filter(b -> b.column() == box.column()).toList();
        assertThat(after).hasSize(column.size() + 1);
        ReviewBox lower = after.get(after.indexOf(upper) + 1);
        // the two halves tile the old box, top then bottom, both read by the classifier and open for review
        assertThat(upper.y()).isEqualTo(box.y());
        assertThat(lower.y()).isEqualTo(upper.y() + upper.h());
        assertThat(upper.h() + lower.h()).isEqualTo(box.h());
        assertThat(upper.h()).isBetween(box.h() / 3, box.h() - box.h() / 3);
        assertThat(List.of(upper, lower)).allSatisfy(b -> {
            assertThat(b.reviewed()).isNull();
            assertThat(b.geometryReviewed()).isTrue();
            assertThat(b.alternatives()).hasSize(5);
            assertThat(b.confidence()).isBetween(0f, 1f);
        });
        // the rest of the column keeps its order after the new box
        assertThat(after.stream().map(ReviewBox::order).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(audit(box.id()).get(0)).containsEntry("ACTION", "SPLIT");
        assertThat(audit(lower.id()).get(0)).containsEntry("BEFORE_STATE", "split from box " + box.id());
    }

    @Test
    void mergeJoinsABoxWithTheOneBelow() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        List<ReviewBox> all = boxes.onPage(page);
        int i = 0;
        while (!(untouched(all.get(i)) && untouched(all.get(i + 1)) && all.get(i).column() == all.get(i + 1).column())) {
            i++;
        }
        ReviewBox top = all.get(i);
        ReviewBox below = all.get(i + 1);

        review(bob, top, "MERGE", null).andExpect(status().isOk());

        ReviewBox merged = boxes.find(top.id()).orElseThrow();
        assertThat(merged.y()).isEqualTo(Math.min(top.y(), below.y()));
        assertThat(merged.bottom()).isEqualTo(Math.max(top.bottom(), below.bottom()));
        assertThat(merged.x()).isEqualTo(Math.min(top.x(), below.x()));
        assertThat(merged.geometryReviewed()).isTrue();
        assertThat(merged.reviewed()).isNull();
        assertThat(boxes.find(below.id()).orElseThrow().reviewed()).isEqualTo(StoredBox.DELETED);
        assertThat(boxes.onPage(page)).hasSize(all.size() - 1);
        assertThat(audit(below.id()).get(0)).containsEntry("AFTER_STATE", "merged into box " + top.id());
    }

    @Test
    void theQueueServesTheLeastConfidentUnreviewedFirst() throws Exception {
        jdbc.update("DELETE FROM queue_lease"); // the reviewers of earlier tests have gone
        MockHttpSession bob = signIn("bob");
        long manuscript = manuscriptId(SAMPLE);
        String json = mvc.perform(get("/api/queue").param("manuscript", String.valueOf(manuscript)).param("limit", "100")
                .session(bob)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> items = com.jayway.jsonpath.JsonPath.read(json, "$.items");
        List<Double> confidences = items.stream().map(m -> ((Number) m.get("confidence")).doubleValue()).toList();
        assertThat(confidences).isNotEmpty().isSorted();
        assertThat(items).allSatisfy(m -> assertThat(m.get("reviewed")).isEqualTo(false));
        Integer unreviewed = jdbc.queryForObject("""
                SELECT COUNT(*) FROM box b JOIN page p ON p.id = b.page_id
                WHERE p.manuscript_id = ? AND b.reviewed IS NULL""", Integer.class, manuscript);
        assertThat(items).hasSize(Math.min(100, unreviewed));
        Double least = jdbc.queryForObject("""
                SELECT MIN(b.confidence) FROM box b JOIN page p ON p.id = b.page_id
                WHERE p.manuscript_id = ? AND b.reviewed IS NULL""", Double.class, manuscript);
        assertThat(confidences.get(0)).isCloseTo(least, org.assertj.core.data.Offset.offset(1e-6));

        // paging after the third item continues at the fourth; the whole queue covers both manuscripts
        Map<String, Object> third = items.get(2);
        mvc.perform(get("/api/queue").param("manuscript", String.valueOf(manuscript)).param("limit", "1")
                        .param("afterConfidence", String.valueOf(third.get("confidence")))
                        .param("afterId", String.valueOf(third.get("id"))).session(bob))
                .andExpect(jsonPath("$.items[0].id").value(items.get(3).get("id")));
        String everything = mvc.perform(get("/api/queue").param("limit", "100").session(bob))
                .andReturn().getResponse().getContentAsString();
        List<Number> pageIds = com.jayway.jsonpath.JsonPath.read(everything, "$.items[*].pageId");
        assertThat(pageIds.stream().map(Number::longValue).toList()).contains(pageId(SAMPLE), pageId(SECOND.resolve("100241706_00004_2.png")));
    }

    @Test
    void twoReviewersAreServedDifferentCharactersUntilALeaseRunsOut() throws Exception {
        jdbc.update("DELETE FROM queue_lease"); // the reviewers of earlier tests have gone
        MockHttpSession alice = signIn("alice");
        MockHttpSession carol = signIn("carol");
        long manuscript = manuscriptId(SAMPLE);

        List<Long> alices = queueIds(alice, manuscript, 5);
        List<Long> carols = queueIds(carol, manuscript, 5);
        assertThat(alices).hasSize(5);
        assertThat(carols).hasSize(5).doesNotContainAnyElementsOf(alices);
        assertThat(jdbc.queryForList("SELECT box_id FROM queue_lease WHERE username = 'alice'", Long.class))
                .containsExactlyInAnyOrderElementsOf(alices);
        // asking again from the start, alice gets hers back, carol still not them
        assertThat(queueIds(alice, manuscript, 5)).isEqualTo(alices);
        assertThat(queueIds(carol, manuscript, 5)).isEqualTo(carols);

        // alice leaves; when her lease runs out her characters, the least confident, go to carol first
        jdbc.update("UPDATE queue_lease SET until = ? WHERE username = 'alice'",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)));
        assertThat(queueIds(carol, manuscript, 5)).isEqualTo(alices);
    }

    @Test
    void reviewersAskingAtTheSameMomentNeverHoldTheSameCharacter() throws Exception {
        // the whole queue (both manuscripts, about 150 characters): other tests have decided some already
        for (int round = 0; round < 5; round++) {
            jdbc.update("DELETE FROM queue_lease");
            List<Long> all = AtOnce.ask(queue, List.of("alice", "bob", "carol"), 10);
            assertThat(all).as("round " + round).doesNotHaveDuplicates().hasSize(30);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM queue_lease", Integer.class)).isEqualTo(30);
        }
    }

    private List<Long> queueIds(MockHttpSession user, long manuscript, int limit) throws Exception {
        String json = mvc.perform(get("/api/queue").param("manuscript", String.valueOf(manuscript))
                        .param("limit", String.valueOf(limit)).session(user))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Number> ids = com.jayway.jsonpath.JsonPath.read(json, "$.items[*].id");
        return ids.stream().map(Number::longValue).toList();
    }

    @Test
    void pagesShowProgressAndFailuresWithTheirReason() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        String manuscript = mvc.perform(get("/manuscripts/{id}", manuscriptId(SAMPLE)).session(bob))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Integer reviewed = jdbc.queryForObject("SELECT COUNT(*) FROM box WHERE page_id = ? AND reviewed IS NOT NULL"
                + " AND reviewed <> 'deleted'", Integer.class, page);
        int characters = boxes.onPage(page).size();
        assertThat(manuscript).contains("100241706_00004_2", reviewed + " / " + characters);

        String view = mvc.perform(get("/pages/{id}", page).session(bob)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(view.split("<rect ", -1)).hasSize(characters + 1);
        assertThat(view.split("class=\"char", -1)).hasSize(characters + 1);

        // a failed page is listed with its reason
        long m = manuscriptId(SAMPLE);
        jdbc.update("""
                INSERT INTO page (manuscript_id, source_path, image_id, sha256, page_no, byte_size, status, error)
                VALUES (?, '/nowhere/broken.jpg', 'broken', ?, 1, 10, 'FAILED', 'truncated JPEG: the file ends before the image does')""",
                m, "f".repeat(64));
        assertThat(mvc.perform(get("/manuscripts/{id}", m).session(bob)).andReturn().getResponse().getContentAsString())
                .contains("broken", "FAILED", "truncated JPEG: the file ends before the image does");
        long broken = jdbc.queryForObject("SELECT id FROM page WHERE image_id = 'broken'", Long.class);
        mvc.perform(get("/pages/{id}/image", broken).session(bob)).andExpect(status().isNotFound());
        mvc.perform(get("/pages/{id}/image", page).session(bob)).andExpect(status().isOk());
        mvc.perform(get("/pages/{id}", 999_999).session(bob)).andExpect(status().isNotFound());

        // a page replaced by a newer version of its file is neither listed nor counted, but still opens by id
        int pagesBefore = progress.manuscript(m).orElseThrow().pages();
        jdbc.update("""
                INSERT INTO page (manuscript_id, source_path, image_id, sha256, page_no, byte_size, status, superseded_by)
                VALUES (?, '/nowhere/replaced.jpg', 'replaced-old-version', ?, 1, 10, 'DONE', ?)""",
                m, "e".repeat(64), page);
        long replaced = jdbc.queryForObject("SELECT id FROM page WHERE image_id = 'replaced-old-version'", Long.class);
        assertThat(mvc.perform(get("/manuscripts/{id}", m).session(bob)).andReturn().getResponse().getContentAsString())
                .doesNotContain("replaced-old-version");
        assertThat(progress.manuscript(m).orElseThrow().pages()).isEqualTo(pagesBefore);
        mvc.perform(get("/pages/{id}", replaced).session(bob)).andExpect(status().isOk());
    }

    private ResultActions review(MockHttpSession session, ReviewBox box, String action, String value) throws Exception {
        String body = "{\"action\":\"" + action + "\",\"version\":" + box.version()
                + (value == null ? "" : ",\"value\":\"" + value + "\"") + "}";
        return mvc.perform(post("/api/boxes/{id}/review", box.id()).session(session).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private List<Map<String, Object>> audit(long boxId) {
        return jdbc.queryForList("SELECT * FROM review_action WHERE box_id = ? ORDER BY id DESC", boxId);
    }
}
