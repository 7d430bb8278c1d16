package org.honkoku.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.IntStream;

import org.honkoku.WebAppTest;
import org.honkoku.review.ReviewBox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Search in the running application, on the real transcriptions of the sample scan: what it finds and the lines it
 * shows, and that it follows the reviewers' corrections, deletions, splits and merges as they are made.
 */
class SearchTest extends WebAppTest {

    @Autowired
    private Search search;
    @Autowired
    private SearchBackfill backfill;
    @Autowired
    private SearchCommand command;
    @Autowired
    private SearchBackfill.OnServe onServe;

    @Test
    void aStringOfAPagesTranscriptionIsFoundThereWithItsLine() throws Exception {
        long page = pageId(SAMPLE);
        List<ReviewBox> text = boxes.onPage(page);
        // three characters across the end of a column (the search reads on into the next column)
        int start = IntStream.range(12, text.size() - 14).filter(i -> PageTexts.columnBreakBefore(text, i + 1))
                .findFirst().orElseThrow();
        String query = PageTexts.typed(text, start, start + 3);

        SearchResult result = search.find(query, 0, Search.PAGE);

        assertThat(hitsOn(result, page)).extracting(Hit::position).isEqualTo(PageTexts.places(text, query));
        Hit hit = hitsOn(result, page).stream().filter(h -> h.position() == start).findFirst().orElseThrow();
        assertThat(hit.match()).isEqualTo(PageTexts.shown(text, start, start + 3)).contains("／");
        assertThat(hit.before()).isEqualTo(PageTexts.shown(text, start - Search.CONTEXT, start)
                + (PageTexts.columnBreakBefore(text, start) ? "／" : ""));
        assertThat(hit.after()).isEqualTo((PageTexts.columnBreakBefore(text, start + 3) ? "／" : "")
                + PageTexts.shown(text, start + 3, start + 3 + Search.CONTEXT));
        assertThat(hit.boxIds()).containsExactly(text.get(start).id(), text.get(start + 1).id(), text.get(start + 2).id());
        assertThat(hit.column()).isEqualTo(text.get(start).column() + 1);
        assertThat(hit.manuscript()).isEqualTo("samples");
        assertThat(hit.imageId()).isEqualTo("100241706_00004_2");
        // every hit is the query, on whichever page: none is a guess
        assertThat(result.hits()).allSatisfy(h -> assertThat(h.match().replace("／", "")).isEqualTo(query));

        // the search page shows it as a line linking to the page with the hit's boxes highlighted
        String html = mvc.perform(get("/search").param("q", query).session(signIn("bob")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("href=\"" + hit.link() + "\"", "<mark>" + hit.match() + "</mark>", "samples",
                "column " + hit.column(), "name=\"q\"");
        mvc.perform(get("/api/search").param("q", query).session(signIn("bob"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[?(@.pageId == " + page + " && @.position == " + start + ")].match")
                        .value(hit.match()));
    }

    @Test
    void oneCharacterIsFoundWhereverThePageHasItAndLongResultsArePaged() throws Exception {
        long page = pageId(SAMPLE);
        List<ReviewBox> text = boxes.onPage(page);
        String character = text.get(text.size() / 2).character();

        assertThat(hitsOn(search.find(character, 0, Search.PAGE), page)).extracting(Hit::position)
                .isEqualTo(PageTexts.places(text, character));

        SearchResult all = search.find(character, 0, Search.PAGE);
        SearchResult first = search.find(character, 0, 1);
        SearchResult second = search.find(character, 1, 1);
        assertThat(all.hits().size()).isGreaterThanOrEqualTo(2);
        assertThat(first.more()).isTrue();
        assertThat(List.of(first.hits().get(0), second.hits().get(0))).isEqualTo(all.hits().subList(0, 2));
        assertThat(search.find(character, all.hits().size() - 1, 5).more()).isFalse();
        // the search page's second result page links back to the first
        String html = mvc.perform(get("/search").param("q", character).param("from", "1").session(signIn("bob")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"search-previous\"", "hits 2–" + all.hits().size() + " below");
    }

    @Test
    void aCorrectedReadingIsFoundAndTheMachinesNoLongerThere() throws Exception {
        long page = pageId(SAMPLE);
        List<ReviewBox> text = boxes.onPage(page);
        int k = untouchedInside(text);
        String before = PageTexts.typed(text, k - 1, k + 2);
        String after = text.get(k - 1).character() + "鬱" + text.get(k + 1).character();
        assertThat(positionsOn(before, page)).contains(k - 1);
        assertThat(positionsOn(after, page)).doesNotContain(k - 1);

        review(signIn("carol"), text.get(k), "SET", "鬱").andExpect(status().isOk());

        assertThat(positionsOn(after, page)).contains(k - 1);
        assertThat(positionsOn(before, page)).doesNotContain(k - 1);
        assertThat(hitsOn(search.find("鬱", 0, Search.PAGE), page)).singleElement()
                .satisfies(h -> assertThat(h.boxIds()).containsExactly(text.get(k).id()));
        assertIndexReadsAsTheBoxes(page);
    }

    @Test
    void aDeletedBoxIsNotFound() throws Exception {
        long page = pageId(SAMPLE);
        List<ReviewBox> text = boxes.onPage(page);
        int k = untouchedInside(text);
        ReviewBox deleted = text.get(k);
        String with = PageTexts.typed(text, k - 1, k + 2);
        String without = text.get(k - 1).character() + text.get(k + 1).character();

        review(signIn("bob"), deleted, "DELETE", null).andExpect(status().isOk());

        assertThat(positionsOn(with, page)).doesNotContain(k - 1);
        assertThat(positionsOn(without, page)).contains(k - 1);
        assertThat(search.find(deleted.character(), 0, Search.PAGE).hits())
                .noneSatisfy(h -> assertThat(h.boxIds()).contains(deleted.id()));
        assertIndexReadsAsTheBoxes(page);
    }

    @Test
    void splitAndMergeMoveTheIndexWithTheBoxes() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SECOND.resolve("100241706_00004_2.png"));
        List<ReviewBox> text = boxes.onPage(page);
        ReviewBox tall = text.stream().filter(b -> untouched(b) && b.h() >= 40).findFirst().orElseThrow();
        review(bob, tall, "SPLIT", null).andExpect(status().isOk());
        assertIndexReadsAsTheBoxes(page);

        List<ReviewBox> now = boxes.onPage(page);
        int i = IntStream.range(0, now.size() - 1).filter(j -> untouched(now.get(j)) && untouched(now.get(j + 1))
                && now.get(j).column() == now.get(j + 1).column()).findFirst().orElseThrow();
        review(bob, now.get(i), "MERGE", null).andExpect(status().isOk());
        assertIndexReadsAsTheBoxes(page);
    }

    @Test
    void lookalikesReadAgainAfterACorrectionAreSearchedAsTheyReadNow() throws Exception {
        List<ReviewBox> doubtful = doubtfulTwins();
        ReviewBox box = doubtful.get(doubtful.size() / 2);
        String body = review(signIn("carol"), box, "SET", box.alternatives().get(1).label())
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(body).contains("\"lookalikes\":[{");
        assertIndexReadsAsTheBoxes(pageId(twins().resolve("a.png")));
        assertIndexReadsAsTheBoxes(pageId(twins().resolve("b.png")));
    }

    @Test
    void pagesWithoutAnIndexAreIndexedWhenTheReviewUiStarts() {
        long page = pageId(SAMPLE);
        String character = boxes.onPage(page).get(0).character();
        jdbc.update("DELETE FROM search_gram WHERE page_id = ?", page);
        jdbc.update("DELETE FROM search_text WHERE page_id = ?", page);
        assertThat(hitsOn(search.find(character, 0, Search.PAGE), page)).isEmpty();

        onServe.ready(); // what serve does when it has started

        assertThat(hitsOn(search.find(character, 0, Search.PAGE), page)).extracting(Hit::position).contains(0);
        assertIndexReadsAsTheBoxes(page);
        assertThat(backfill.run()).isZero();
    }

    @Test
    void theCommandPrintsALinePerHitAndCountsThem() {
        long page = pageId(SAMPLE);
        List<ReviewBox> text = boxes.onPage(page);
        String query = PageTexts.typed(text, 20, 22);
        SearchResult result = search.find(query, 0, Search.PAGE);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        assertThat(command.run(List.of(query.substring(0, 1), query.substring(1)), 0,
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8))).isZero();

        assertThat(out.toString(UTF_8).lines().toList())
                .hasSize(result.hits().size())
                .contains("samples\t100241706_00004_2\tcolumn " + (text.get(20).column() + 1) + "\t"
                        + result.hits().stream().filter(h -> h.pageId() == page && h.position() == 20)
                        .map(h -> h.before() + "【" + h.match() + "】" + h.after()).findFirst().orElseThrow());
        assertThat(err.toString(UTF_8))
                .isEqualTo("search: " + result.hits().size() + " hits for " + query + "\n");
    }

    @Test
    void searchNeedsASignedInReviewer() throws Exception {
        mvc.perform(get("/search").param("q", "の")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/api/search").param("q", "の")).andExpect(status().is3xxRedirection());
    }

    /** The index of the page holds the text of its boxes in reading order, with their ids. */
    private void assertIndexReadsAsTheBoxes(long page) {
        List<ReviewBox> text = boxes.onPage(page);
        var row = jdbc.queryForMap("SELECT text, box_ids FROM search_text WHERE page_id = ?", page);
        assertThat(row.get("TEXT")).isEqualTo(PageTexts.typed(text, 0, text.size()));
        assertThat(row.get("BOX_IDS")).isEqualTo(String.join(",", text.stream().map(b -> String.valueOf(b.id())).toList()));
        assertThat(jdbc.queryForList("SELECT ch FROM search_gram WHERE page_id = ? ORDER BY pos", Integer.class, page))
                .isEqualTo(text.stream().map(b -> b.character().codePointAt(0)).toList());
    }

    /** A box no test has touched, with a box before and after it on the page. */
    private static int untouchedInside(List<ReviewBox> text) {
        return IntStream.range(1, text.size() - 1).filter(i -> untouched(text.get(i))).findFirst().orElseThrow();
    }

    private List<Integer> positionsOn(String query, long page) {
        return hitsOn(search.find(query, 0, Search.PAGE), page).stream().map(Hit::position).toList();
    }

    private static List<Hit> hitsOn(SearchResult result, long page) {
        return result.hits().stream().filter(h -> h.pageId() == page).toList();
    }

    private ResultActions review(MockHttpSession session, ReviewBox box, String action, String value) throws Exception {
        String body = "{\"action\":\"" + action + "\",\"version\":" + box.version()
                + (value == null ? "" : ",\"value\":\"" + value + "\"") + "}";
        return mvc.perform(post("/api/boxes/{id}/review", box.id()).session(session).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
