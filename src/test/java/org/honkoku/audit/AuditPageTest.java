package org.honkoku.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.honkoku.WebAppTest;
import org.honkoku.review.ReviewAction;
import org.honkoku.review.ReviewBox;
import org.honkoku.review.ReviewRequest;
import org.honkoku.review.ReviewService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The review log as an admin reads it. */
class AuditPageTest extends WebAppTest {

    @Autowired
    ReviewService review;

    @Test
    void anAdminSeesWhoChangedWhatWhenWithBeforeAndAfter() throws Exception {
        ReviewBox box = untouchedBox(pageId(SAMPLE));
        review.apply(box.id(), new ReviewRequest(ReviewAction.SET, box.version(), "U+306C"), "carol");

        String html = mvc.perform(get("/admin/audit").param("box", String.valueOf(box.id())).session(signIn("alice")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("<td>carol</td>", "<td>SET</td>", box.predicted() + " machine",
                "U+306C reviewed; box " + box.x() + "," + box.y() + " " + box.w() + "x" + box.h());
        assertThat(html.split("<td>carol</td>", -1)).hasSize(2);
    }
}
