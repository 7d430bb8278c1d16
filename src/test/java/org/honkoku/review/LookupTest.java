package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Base64;
import java.util.List;

import org.honkoku.WebAppTest;
import org.honkoku.batch.PipelineComponents;
import org.honkoku.classify.Candidate;
import org.honkoku.classify.Prediction;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/** Draw to look up: a drawing (dark on light, as the canvas makes it) goes to the shipped classifier. */
class LookupTest extends WebAppTest {

    @Autowired
    PipelineComponents pipeline;

    @Test
    void aDrawnCharacterComesBackAsTheClassifiersTopFive() throws Exception {
        MockHttpSession bob = signIn("bob");
        // a real handwritten character, enlarged to the canvas's 256x256 like a drawing
        KkanjiSample.Character sample = KkanjiSample.readable(pipeline.classifier());
        Mat drawing = new Mat();
        Imgproc.resize(sample.scan(), drawing, new Size(256, 256));
        Prediction expected = pipeline.classifier().classify(List.of(drawing)).get(0);

        List<String> labels = lookup(bob, png(drawing));

        assertThat(labels).containsExactlyElementsOf(expected.top().stream().map(Candidate::label).toList());
        assertThat(labels.get(0)).as("read right, as from its scan").isEqualTo(sample.label());
    }

    @Test
    void notAnImageIsRefused() throws Exception {
        MockHttpSession bob = signIn("bob");
        mvc.perform(post("/api/lookup").session(bob).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"image\":\"data:image/png;base64," + Base64.getEncoder().encodeToString("hello".getBytes())
                        + "\"}")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/lookup").session(bob).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"image\":\"%%%\"}")).andExpect(status().isBadRequest());
    }

    private List<String> lookup(MockHttpSession session, byte[] png) throws Exception {
        String json = mvc.perform(post("/api/lookup").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"image\":\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return com.jayway.jsonpath.JsonPath.read(json, "$.candidates[*].label");
    }

    private static byte[] png(Mat image) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".png", image, out);
        return out.toArray();
    }
}
