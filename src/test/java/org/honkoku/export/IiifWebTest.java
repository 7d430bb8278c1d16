package org.honkoku.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.honkoku.WebAppTest;
import org.honkoku.review.ReviewAction;
import org.honkoku.review.ReviewBox;
import org.honkoku.review.ReviewRequest;
import org.honkoku.review.ReviewService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** IIIF manifests of real transcribed pages: served to signed-in users, and exported as a static publication. */
class IiifWebTest extends WebAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ReviewService review;
    @Autowired
    IiifExport iiif;

    @Test
    void theServedManifestIsValidAndCarriesEveryCharacterWithTheReviewedReading() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        ReviewBox box = untouchedBox(page);
        review.apply(box.id(), new ReviewRequest(ReviewAction.SET, box.version(), "U+3091"), "bob"); // ゑ
        List<ReviewBox> stored = boxes.onPage(page);

        var response = mvc.perform(get("/iiif/{id}/manifest", manuscriptId(SAMPLE)).session(bob))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("application/ld+json")
                .contains("http://iiif.io/api/presentation/3/context.json");
        JsonNode manifest = JSON.readTree(response.getContentAsByteArray());
        IiifSchema.validate(manifest);
        assertThat(manifest.at("/label/none/0").asText()).isEqualTo("samples");

        JsonNode canvas = manifest.at("/items/0");
        JsonNode characters = canvas.at("/annotations/1/items");
        assertThat(characters).hasSize(stored.size());
        assertThat(stored.size()).isBetween(50, 110); // the sample page has 74 characters in truth
        int i = stored.indexOf(stored.stream().filter(b -> b.id() == box.id()).findFirst().orElseThrow());
        JsonNode corrected = characters.get(i);
        assertThat(corrected.at("/body/value").asText()).isEqualTo("ゑ");
        assertThat(corrected.at("/honkoku:reviewed").asBoolean()).isTrue();
        ReviewBox s = stored.get(i);
        assertThat(corrected.at("/target").asText())
                .endsWith("#xywh=" + s.x() + "," + s.y() + "," + s.w() + "," + s.h());

        // the scan it paints is at the size the manifest gives: the canvas's, the page's own
        JsonNode scan = canvas.at("/items/0/items/0/body");
        assertThat(scan.at("/id").asText()).isEqualTo("http://localhost/pages/" + page + "/image/full");
        assertThat(scan.at("/width").asInt()).isEqualTo(canvas.at("/width").asInt()).isEqualTo(2404);
        assertThat(scan.at("/height").asInt()).isEqualTo(canvas.at("/height").asInt()).isEqualTo(3874);
        byte[] jpeg = mvc.perform(get("/pages/{id}/image/full", page).session(bob)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_UNCHANGED);
        assertThat(decoded.cols()).isEqualTo(scan.at("/width").asInt());
        assertThat(decoded.rows()).isEqualTo(scan.at("/height").asInt());
    }

    @Test
    void theManifestNeedsSignIn() throws Exception {
        mvc.perform(get("/iiif/{id}/manifest", manuscriptId(SAMPLE)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void theExportIsAStaticPublicationUnderItsBaseUrl(@TempDir Path out) throws Exception {
        int pages = iiif.write(out, "https://archive.example/pub");
        int done = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'DONE' AND superseded_by IS NULL",
                Integer.class);
        assertThat(pages).isEqualTo(done);

        Path folder = out.resolve("samples");
        JsonNode manifest = JSON.readTree(Files.readAllBytes(folder.resolve("manifest.json")));
        IiifSchema.validate(manifest);
        assertThat(manifest.at("/id").asText()).isEqualTo("https://archive.example/pub/samples/manifest.json");
        JsonNode scan = manifest.at("/items/0/items/0/items/0/body");
        assertThat(scan.at("/id").asText()).isEqualTo("https://archive.example/pub/samples/images/100241706_00004_2.jpg");
        Mat image = Imgcodecs.imread(folder.resolve("images/100241706_00004_2.jpg").toString());
        assertThat(image.cols()).isEqualTo(scan.at("/width").asInt());
        assertThat(image.rows()).isEqualTo(scan.at("/height").asInt());
        assertThat(manifest.at("/items/0/annotations/1/items").size())
                .isEqualTo(boxes.onPage(pageId(SAMPLE)).size());
        // every manuscript has its folder, none has half a file
        assertThat(out.resolve("second-book").resolve("manifest.json")).exists();
        try (var files = Files.walk(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".part")).toList()).isEmpty();
        }
    }
}
