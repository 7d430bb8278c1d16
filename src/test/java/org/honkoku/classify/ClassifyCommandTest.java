package org.honkoku.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ClassifyCommand command = new ClassifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void writesOneCsvRowPerCropInAFolder(@TempDir Path dir) throws Exception {
        List<ShippedModel.Image> images = ShippedModel.named("kkanji/images.u8.gz", "kkanji/labels.txt", 64, 3);
        for (int i = 0; i < images.size(); i++) {
            Imgcodecs.imwrite(dir.resolve("crop" + i + (i == 0 ? ".jpg" : ".png")).toString(), images.get(i).asScan());
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image, not listed");

        int code = command.execute(new String[]{"--model", ShippedModel.DIR.toString(), dir.toString()});

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("file,unicode,confidence,top5");
        String label = "(U\\+[0-9A-F]{4,5}|rare)";
        for (String line : lines.subList(1, 4)) {
            assertThat(line).matches(".*crop\\d\\.(png|jpg)," + label + ",[01]\\.\\d{4},(" + label + ":[01]\\.\\d{4}\\|){4}"
                    + label + ":[01]\\.\\d{4}");
        }
    }

    @Test
    void missingModelIsOneClearErrorLine(@TempDir Path dir) {
        int code = command.execute(new String[]{"--model", dir.resolve("nope").toString(), dir.toString()});

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(1);
    }
}
