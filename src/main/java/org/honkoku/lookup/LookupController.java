package org.honkoku.lookup;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.honkoku.OpenCvLoader;
import org.honkoku.batch.PipelineComponents;
import org.honkoku.classify.Prediction;
import org.honkoku.export.Labels;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Draw to look up: the reviewer writes a character on a canvas (dark ink on a light ground, like a scan,
 * which is what {@link org.honkoku.classify.Classifier#classify} expects) and the classifier proposes its
 * top five, for characters a reviewer cannot type.
 */
@RestController
class LookupController {

    /** A 256x256 PNG drawing is a few kilobytes; anything much larger is not a drawing. */
    static final int MAX_BYTES = 1 << 20;

    private final PipelineComponents pipeline;

    LookupController(PipelineComponents pipeline) {
        this.pipeline = pipeline;
    }

    /** One proposal: the label, the character to show, the classifier's probability. */
    record Proposal(String label, String character, float probability) {
    }

    /** {@code {"image": "data:image/png;base64,..."}} → {@code {"candidates": [...]}}. */
    @PostMapping("/api/lookup")
    Map<String, List<Proposal>> lookup(@RequestBody Map<String, String> body) {
        String image = body.getOrDefault("image", "");
        int comma = image.indexOf(',');
        byte[] png;
        try {
            png = Base64.getDecoder().decode(comma >= 0 ? image.substring(comma + 1) : image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the drawing is not base64 data");
        }
        if (png.length == 0 || png.length > MAX_BYTES) {
            throw new IllegalArgumentException("the drawing must be an image of at most " + MAX_BYTES + " bytes");
        }
        OpenCvLoader.load();
        Mat drawing = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_GRAYSCALE);
        if (drawing.empty()) {
            throw new IllegalArgumentException("the drawing could not be decoded");
        }
        Prediction prediction = pipeline.classifier().classify(List.of(drawing)).get(0);
        return Map.of("candidates", prediction.top().stream()
                .map(c -> new Proposal(c.label(), Labels.character(c.label()), c.probability())).toList());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }
}
