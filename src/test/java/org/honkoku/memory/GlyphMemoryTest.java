package org.honkoku.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.honkoku.WebAppTest;
import org.honkoku.batch.PipelineComponents;
import org.honkoku.browse.PageImages;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.export.CropExporter;
import org.honkoku.review.AtOnce;
import org.honkoku.review.ReviewBox;
import org.honkoku.search.SearchIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * The glyph memory on real pages, through the review API, on a manuscript of its own made as {@link #twins()} (so
 * that the other classes' decisions on that one do not meet these): every box has a twin
 * with the same embedding. Correcting a box reads its twin again in
 * the same manuscript, not the same glyphs in another manuscript; accepted look-alikes are reviewed characters; the
 * memory is the database's (a fresh service, a new model); reread --adapt and the crops export.
 */
class GlyphMemoryTest extends WebAppTest {

    private Path twins;
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private SearchIndex search;
    @Autowired
    private GlyphMemoryService memory;
    @Autowired
    private MemoryRepository repository;
    @Autowired
    private PipelineComponents pipeline;
    @Autowired
    private ProgressRepository pages;
    @Autowired
    private PageImages images;
    @Autowired
    private CropExporter crops;

    @BeforeEach
    void transcribed() throws Exception {
        twins = twins("memory-twins");
    }

    private long page(String file) {
        return pageId(twins.resolve(file));
    }

    /** The box of another page at the same place (the same glyph in a twin scan). */
    private ReviewBox twinOf(ReviewBox box, long otherPage) {
        return sameOutline(box, otherPage).orElseThrow();
    }

    /**
     * The {@code skip}-th of {@link #doubtfulTwins()} (each test takes its own, or the last when fewer are left: v11
     * reads the page surely enough that few boxes are in doubt).
     */
    private ReviewBox doubtful(int skip) throws Exception {
        List<ReviewBox> doubtful = doubtfulTwins(twins);
        return doubtful.get(Math.min(skip, doubtful.size() - 1)); // every one is undecided (doubtfulTwins)
    }

    private JsonNode review(MockHttpSession who, ReviewBox box, String action, String value) throws Exception {
        String body = json.writeValueAsString(Map.of("action", action, "version", box.version(),
                "value", value == null ? "" : value));
        return json.readTree(mvc.perform(post("/api/boxes/" + box.id() + "/review").session(who).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** A doubtful box of page a corrected by {@code who} to its second alternative ({@link #correctionOf}). */
    private ReviewBox correctOne(MockHttpSession who, int skip) throws Exception {
        ReviewBox box = doubtful(skip);
        review(who, box, "SET", correctionOf(box));
        return box;
    }

    private static String correctionOf(ReviewBox box) {
        return box.alternatives().get(1).label();
    }

    private JsonNode accept(MockHttpSession who, List<Map<String, Object>> items) throws Exception {
        return json.readTree(mvc.perform(post("/api/lookalikes/accept").session(who).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("items", items))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void everyTranscribedBoxHasItsEmbeddingAndReadingBeforeTheMemory() {
        long a = page("a.png");
        // the boxes nobody decided: a reviewed glyph is embedded again when another model reads the memory
        // (theMemoryIsTheDatabasesAndFollowsANewModel), which may run first
        List<ReviewBox> undecided = boxes.onPage(a).stream().filter(WebAppTest::untouched).toList();
        assertThat(undecided.size()).isGreaterThan(50);
        for (ReviewBox box : undecided) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM box_reading WHERE box_id = ? AND model_version = ?",
                    Integer.class, box.id(), pipeline.classifier().readingVersion())).as("box %d", box.id()).isEqualTo(1);
        }
        byte[] embedding = jdbc.queryForObject("SELECT r.embedding FROM box_reading r JOIN box b ON b.id = r.box_id"
                + " WHERE b.page_id = ? ORDER BY b.id FETCH FIRST 1 ROWS ONLY", byte[].class, a);
        assertThat(embedding).hasSize(512);
    }

    @Test
    void aCorrectionReadsItsTwinInTheSameManuscriptAndNothingElse() throws Exception {
        MockHttpSession bob = signIn("bob");
        ReviewBox box = doubtful(0);
        ReviewBox twin = twinOf(box, page("b.png"));
        // the glyphs at the same place in the other manuscripts (the same scan), where they were cut the same way
        List<ReviewBox> elsewhere = List.of(pageId(SAMPLE), pageId(SECOND.resolve("100241706_00004_2.png"))).stream()
                .map(p -> sameOutline(box, p)).flatMap(Optional::stream).toList();
        String corrected = correctionOf(box);
        assertThat(twin.predicted()).isEqualTo(box.predicted()).isNotEqualTo(corrected);

        JsonNode answer = review(bob, box, "SET", corrected);

        JsonNode offered = null;
        for (JsonNode l : answer.get("lookalikes")) {
            if (l.get("id").asLong() == twin.id()) {
                offered = l;
            }
            assertThat(repository.manuscriptOf(l.get("pageId").asLong())).isEqualTo(manuscriptId(twins.resolve("a.png")));
        }
        assertThat(offered).as("the twin is offered as a look-alike").isNotNull();
        assertThat(offered.get("before").asText()).isEqualTo(box.predicted());
        assertThat(offered.get("after").asText()).isEqualTo(corrected);
        assertThat(offered.get("crop").asText()).startsWith("/boxes/" + twin.id() + "/crop");
        ReviewBox twinNow = boxes.find(twin.id()).orElseThrow();
        assertThat(twinNow.predicted()).as("the machine's reading changed").isEqualTo(corrected);
        assertThat(twinNow.reviewed()).as("but no person decided it").isNull();
        assertThat(twinNow.version()).isEqualTo(offered.get("version").asInt()).isGreaterThan(twin.version());
        assertThat(elsewhere).as("the same scan in other manuscripts").isNotEmpty().allSatisfy(e -> {
            ReviewBox other = boxes.find(e.id()).orElseThrow();
            assertThat(other.predicted()).as("another manuscript's glyph stays").isEqualTo(e.predicted());
            assertThat(other.version()).isEqualTo(e.version());
        });

        // accepted: a reviewed character like any other, logged as LOOKALIKE; again with the old version: a conflict
        JsonNode accepted = accept(bob, List.of(Map.of("id", twin.id(), "version", offered.get("version").asInt(),
                "label", corrected)));
        assertThat(accepted.get("boxes")).hasSize(1);
        ReviewBox decided = boxes.find(twin.id()).orElseThrow();
        assertThat(decided.reviewed()).isEqualTo(corrected);
        assertThat(decided.reviewedBy()).isEqualTo("bob");
        assertThat(jdbc.queryForList("SELECT action FROM review_action WHERE box_id = ?", String.class, twin.id()))
                .containsExactly("LOOKALIKE");
        JsonNode again = accept(signIn("carol"), List.of(Map.of("id", twin.id(), "version",
                offered.get("version").asInt(), "label", box.predicted())));
        assertThat(again.get("boxes")).isEmpty();
        assertThat(again.get("conflicts")).hasSize(1);
        assertThat(boxes.find(twin.id()).orElseThrow().reviewed()).isEqualTo(corrected);
    }

    @Test
    void twoReviewersAcceptingTheSameLookalikesAtOnceLoseNothing() throws Exception {
        MockHttpSession bob = signIn("bob");
        MockHttpSession carol = signIn("carol");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ReviewBox box = correctOne(bob, 0);
            String corrected = correctionOf(box);
            ReviewBox twin = twinOf(box, page("b.png"));
            ReviewBox now = boxes.find(twin.id()).orElseThrow();
            assertThat(now.predicted()).isEqualTo(corrected);
            items.add(Map.of("id", now.id(), "version", now.version(), "label", corrected));
        }
        List<JsonNode> answers = AtOnce.run(List.of(() -> accept(bob, items), () -> accept(carol, items)));

        int accepted = answers.get(0).get("boxes").size() + answers.get(1).get("boxes").size();
        int conflicts = answers.get(0).get("conflicts").size() + answers.get(1).get("conflicts").size();
        assertThat(accepted).as("each look-alike saved once").isEqualTo(items.size());
        assertThat(conflicts).as("and refused to the other reviewer").isEqualTo(items.size());
        for (Map<String, Object> item : items) {
            long id = (Long) item.get("id");
            assertThat(boxes.find(id).orElseThrow().reviewed()).isEqualTo(item.get("label"));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM review_action WHERE box_id = ?", Integer.class, id))
                    .isEqualTo(1);
        }
    }

    /** A character nowhere among the box's readings (一, 人 or 大), so that only the memory can give it. */
    private static String unread(ReviewBox box) {
        return java.util.stream.Stream.of("U+4E00", "U+4EBA", "U+5927")
                .filter(c -> box.alternatives().stream().noneMatch(a -> a.label().equals(c))).findFirst().orElseThrow();
    }

    /** A doubtful box of page a corrected by bob to a character nowhere among its readings, and its twin on page b. */
    private record Corrected(ReviewBox twin, String label) {
    }

    private Corrected correctedTwin(int doubtful) throws Exception {
        ReviewBox box = doubtful(doubtful);
        String corrected = unread(box);
        review(signIn("bob"), box, "SET", corrected);
        return new Corrected(twinOf(box, page("b.png")), corrected);
    }

    /** A service of its own with these memory settings (the tests' shared one reads with {@code keep=1}). */
    private GlyphMemoryService service(String settings) {
        return new GlyphMemoryService(repository, new LookalikeIndex(jdbc), pipeline, pages, images, search, true,
                settings);
    }

    @Test
    void transcribeKeepsTheReadingsTheNetworkWasSureOf() throws Exception {
        Corrected c = correctedTwin(3);
        ReviewBox twin = c.twin();
        String corrected = c.label();
        MemoryRepository.MemoryBox stored = repository.boxes(pipeline.classifier().readingVersion(), "b.id = ?", twin.id())
                .get(0);
        // page b read again as transcribe reads a page, the twin alone on it, with the memory holding the correction
        java.util.function.Function<String, GlyphMemoryService.Adapted> read = settings -> service(settings)
                .readPage(page("b.png"), List.of(stored.box()), List.of(stored.base()), List.of(stored.embedding()));
        assertThat(read.apply("keep=1").predictions().get(0).best().label()).as("without the guard the twin follows")
                .isEqualTo(corrected);
        GlyphMemoryService.Adapted guarded = read.apply("keep=0.001");
        Prediction network = guarded.base().get(0);
        assertThat(network.best().label()).isNotEqualTo(corrected);
        assertThat(guarded.predictions().get(0)).as("with it, the network's reading stays").isSameAs(network);
    }

    @Test
    void rereadAdaptGuardsWithTheNetworksReadingNotTheMemorysLast() throws Exception {
        Corrected c = correctedTwin(4);
        ReviewBox twin = c.twin();
        String corrected = c.label();
        long manuscript = manuscriptId(twins.resolve("a.png"));
        String model = pipeline.classifier().readingVersion();
        MemoryRepository.MemoryBox stored = repository.boxes(model, "b.id = ?", twin.id()).get(0);
        String network = stored.base().best().label();
        assertThat(network).isNotEqualTo(corrected);
        // the twin as the memory once read it, sure of the correction (as an earlier look-alike vote may leave it)
        assertThat(repository.reread(stored, Prediction.certain(corrected))).isTrue();
        java.util.function.Function<String, String> adapt = settings -> {
            jdbc.update("UPDATE page SET memory_seen = 0 WHERE manuscript_id = ?", manuscript);
            assertThat(service(settings).adapt(List.of(manuscript)).pages()).isEqualTo(2);
            return boxes.find(twin.id()).orElseThrow().predicted();
        };

        assertThat(adapt.apply("keep=0.001")).as("guarded: the network's own reading, not the memory's last one")
                .isEqualTo(network);
        assertThat(adapt.apply("keep=1")).as("unguarded, the memory turns it").isEqualTo(corrected);
        assertThat(boxes.find(twin.id()).orElseThrow().reviewed()).isNull();
    }

    @Test
    void theMemoryIsTheDatabasesAndFollowsANewModel(@TempDir Path newModel) throws Exception {
        ReviewBox box = correctOne(signIn("bob"), 1);
        String corrected = correctionOf(box);
        long manuscript = manuscriptId(twins.resolve("a.png"));

        // a service made afresh (as after a restart) finds the reviewed glyph with its reading
        var fresh = new GlyphMemoryService(repository, new LookalikeIndex(jdbc), pipeline, pages, images, search, true, "");
        GlyphMemory restored = fresh.memoryFor(manuscript);
        assertThat(restored.glyphs()).anySatisfy(g -> {
            assertThat(g.boxId()).isEqualTo(box.id());
            assertThat(g.label()).isEqualTo(corrected);
        });

        // another model (here the shipped network under a new version): the reviewed glyphs are embedded for it
        PipelineComponents newPipeline = new PipelineComponents(copyOfShipped(newModel, "version",
                "memory-test-model").toString(), true, 0);
        String newVersion = newPipeline.classifier().readingVersion();
        assertThat(newVersion).startsWith("memory-test-model");
        float[] before = vectorOf(restored, box);
        float[] after = vectorOf(embeddedUnder(newPipeline, manuscript, box, corrected), box);
        assertThat(Embeddings.cosine(before, after)).as("made from the same crop by the same network").isGreaterThan(0.98);
    }

    @Test
    void aGlyphEmbeddedFromTwoViewsIsNeverComparedWithOneFromOne(@TempDir Path oneView) throws Exception {
        ReviewBox box = correctOne(signIn("bob"), 2);
        String corrected = correctionOf(box);
        long manuscript = manuscriptId(twins.resolve("a.png"));
        assertThat(pipeline.classifier().smoothedView()).as("the shipped model reads two views").isTrue();
        float[] twoViews = vectorOf(memory.memoryFor(manuscript), box);

        // the same network and version, read from one view: its readings and embeddings are another reading's
        PipelineComponents onePipeline = new PipelineComponents(copyOfShipped(oneView, Classifier.SMOOTHED_VIEW,
                "false").toString(), true, 0);
        assertThat(onePipeline.classifier().version()).isEqualTo(pipeline.classifier().version());
        assertThat(onePipeline.classifier().readingVersion()).isEqualTo(pipeline.classifier().version())
                .isNotEqualTo(pipeline.classifier().readingVersion());
        float[] oneViewVector = vectorOf(embeddedUnder(onePipeline, manuscript, box, corrected), box);
        double cosine = Embeddings.cosine(twoViews, oneViewVector);
        assertThat(cosine).as("embedded again from one view, not the two views' mean taken over").isLessThan(0.9999)
                .isGreaterThan(0.9);
        // the page is marked as read from two views, so a reread with the one-view model reads it again (RereadTest)
        long a = page("a.png");
        assertThat(jdbc.queryForObject("SELECT model_version FROM page WHERE id = ?", String.class, a))
                .isEqualTo(pipeline.classifier().readingVersion());
    }

    /** A copy of models/default in {@code dir} with one line of its model.properties set. */
    private static Path copyOfShipped(Path dir, String key, String value) throws Exception {
        try (var files = Files.list(Path.of("models/default"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path props = dir.resolve("model.properties");
        String text = Files.readString(props);
        String changed = text.replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*$", key + "=" + value);
        assertThat(changed).as("the shipped model.properties sets " + key).isNotEqualTo(text);
        Files.writeString(props, changed);
        return dir;
    }

    /**
     * The manuscript's memory as a service on {@code other} builds it: the reviewed box is in it with its reading,
     * embedded under that classifier's reading ({@code box_reading} has one row of it).
     */
    private GlyphMemory embeddedUnder(PipelineComponents other, long manuscript, ReviewBox box, String corrected) {
        var service = new GlyphMemoryService(repository, new LookalikeIndex(jdbc), other, pages, images, search, true, "");
        GlyphMemory under = service.memoryFor(manuscript);
        assertThat(under.glyphs()).anySatisfy(g -> {
            assertThat(g.boxId()).isEqualTo(box.id());
            assertThat(g.label()).isEqualTo(corrected);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM box_reading WHERE box_id = ? AND model_version = ?",
                Integer.class, box.id(), other.classifier().readingVersion())).isEqualTo(1);
        return under;
    }

    private static float[] vectorOf(GlyphMemory memory, ReviewBox box) {
        return memory.glyphs().stream().filter(g -> g.boxId() == box.id()).findFirst().orElseThrow().vector();
    }

    @Test
    void rereadAdaptReadsThePagesWhoseMemoryGrewOnceAndKeepsEveryDecision() throws Exception {
        correctOne(signIn("bob"), 2);
        long manuscript = manuscriptId(twins.resolve("a.png"));
        List<Map<String, Object>> decided = jdbc.queryForList(
                "SELECT b.id, b.reviewed, b.version FROM box b JOIN page p ON p.id = b.page_id"
                        + " WHERE p.manuscript_id = ? AND b.reviewed IS NOT NULL ORDER BY b.id", manuscript);

        GlyphMemoryService.AdaptReport first = memory.adapt(List.of(manuscript));
        assertThat(first.pages()).as("both pages of the manuscript").isEqualTo(2);
        assertThat(first.boxesChanged()).as("their machine readings read again").isPositive();
        long seen = memory.memoryFor(manuscript).version();
        assertThat(jdbc.queryForList("SELECT memory_seen FROM page WHERE manuscript_id = ?", Long.class, manuscript))
                .containsOnly(seen);
        assertThat(memory.adapt(List.of(manuscript)).pages()).as("nothing grew since").isZero();
        assertThat(jdbc.queryForList("SELECT b.id, b.reviewed, b.version FROM box b JOIN page p ON p.id = b.page_id"
                + " WHERE p.manuscript_id = ? AND b.reviewed IS NOT NULL ORDER BY b.id", manuscript))
                .isEqualTo(decided);
    }

    @Test
    void reviewedCharactersExportAsCropsATrainingRunReads(@TempDir Path out) throws Exception {
        ReviewBox box = correctOne(signIn("bob"), 3);
        String corrected = correctionOf(box);

        CropExporter.Written written = crops.write(out);
        int reviewed = jdbc.queryForObject("SELECT COUNT(*) FROM box WHERE reviewed IS NOT NULL AND reviewed <> 'deleted'",
                Integer.class);
        assertThat(written.crops()).isEqualTo(reviewed);
        List<String> labels = Files.readAllLines(out.resolve("labels.csv"));
        assertThat(labels.get(0)).isEqualTo("file,unicode");
        assertThat(labels).hasSize(reviewed + 1).contains("a-b" + box.id() + ".png," + corrected);
        var crop = Imgcodecs.imread(out.resolve("a-b" + box.id() + ".png").toString(), Imgcodecs.IMREAD_GRAYSCALE);
        assertThat(crop.cols()).isEqualTo(box.w());
        assertThat(crop.rows()).isEqualTo(box.h());
    }
}
