package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.honkoku.WebAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/** Two reviewers on one character: the second gets a clear conflict, and no one's work is lost. */
class ConcurrentReviewTest extends WebAppTest {

    @Autowired
    ReviewService review;

    @Test
    void theSecondOfTwoReviewersGetsAConflictAndTheFirstKeepsTheirReading() throws Exception {
        MockHttpSession bob = signIn("bob");
        MockHttpSession carol = signIn("carol");
        ReviewBox box = untouchedBox(pageId(SAMPLE));
        // both open the same character, at the same version
        int seenByBob = version(bob, box.id());
        int seenByCarol = version(carol, box.id());
        assertThat(seenByBob).isEqualTo(seenByCarol);

        set(bob, box.id(), seenByBob, "U+3042").andExpect(status().isOk());
        set(carol, box.id(), seenByCarol, "U+3044")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("bob changed this character at ")))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("it now reads あ (reviewed)")))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("Your change was not saved")))
                .andExpect(jsonPath("$.box.version").value(seenByBob + 1))
                .andExpect(jsonPath("$.box.character").value("あ"));

        // bob's reading stands, and the log holds bob's change only
        assertThat(boxes.find(box.id()).orElseThrow().reviewed()).isEqualTo("U+3042");
        assertThat(jdbc.queryForList("SELECT username FROM review_action WHERE box_id = ?", String.class, box.id()))
                .containsExactly("bob");

        // carol, having seen bob's reading, can still decide: nothing is lost either way
        set(carol, box.id(), seenByBob + 1, "U+3044").andExpect(status().isOk());
        assertThat(jdbc.queryForList("SELECT before_state FROM review_action WHERE box_id = ? ORDER BY id",
                String.class, box.id())).last().asString().startsWith("U+3042 reviewed");
    }

    @Test
    void twoSavesAtTheSameMomentCannotBothWin() throws Exception {
        ReviewBox box = untouchedBox(pageId(SAMPLE));
        assertThat(AtOnce.save(review, box, List.of(new String[] {"bob", "U+3046"}, new String[] {"carol", "U+3048"})))
                .containsExactlyInAnyOrder("saved", "conflict");
        ReviewBox after = boxes.find(box.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(box.version() + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM review_action WHERE box_id = ?", Integer.class, box.id()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT username FROM review_action WHERE box_id = ?", String.class, box.id()))
                .isEqualTo(after.reviewedBy());
    }

    private int version(MockHttpSession session, long id) throws Exception {
        String json = mvc.perform(get("/api/boxes/{id}", id).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return com.jayway.jsonpath.JsonPath.read(json, "$.version");
    }

    private ResultActions set(MockHttpSession session, long id, int version, String label) throws Exception {
        return mvc.perform(post("/api/boxes/{id}/review", id).session(session).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"SET\",\"version\":" + version + ",\"value\":\"" + label + "\"}"));
    }
}
