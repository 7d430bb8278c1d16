package org.honkoku.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rewrites one {@code ## } section of a model's MODEL.md, keeping the others; a new one goes before the speed section. */
final class ModelSections {

    private static final String BEFORE = "## Inference speed";

    private ModelSections() {
    }

    static void replace(Path modelMd, String heading, String body) throws IOException {
        String text = Files.exists(modelMd) ? Files.readString(modelMd, StandardCharsets.UTF_8) : "";
        String section = heading + "\n\n" + body.strip() + "\n\n";
        int from = text.indexOf(heading + "\n");
        if (from >= 0) {
            int next = text.indexOf("\n## ", from + heading.length());
            text = text.substring(0, from) + section + (next < 0 ? "" : text.substring(next + 1));
        } else {
            int at = text.indexOf(BEFORE);
            text = at < 0 ? (text.isEmpty() ? "" : text.stripTrailing() + "\n\n") + section
                    : text.substring(0, at) + section + text.substring(at);
        }
        Files.writeString(modelMd, text, StandardCharsets.UTF_8);
    }
}
