package org.honkoku.train;

import org.honkoku.classify.ClassIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sets {@code train --export-set} writes for the GPU trainer: repeated samples once, levels, the cap, the auxiliary target. */
class TrainingExportTest {

    private static byte[] filled(int value) {
        byte[] image = new byte[64 * 64];
        Arrays.fill(image, (byte) value);
        return image;
    }

    @Test
    void repeatedSamplesAreStoredOnceWithTheirCountAndPixelsAsLevels(@TempDir Path dir) throws Exception {
        SampleSet set = new SampleSet("train");
        byte[] real = filled(255);
        real[1] = (byte) 128;
        set.add(real, 1);
        set.add(filled(255), 2, true); // a font rendering
        set.add(real, 1);
        set.add(real, 2); // the same image under another label is another sample
        set.add(real, 1);
        TrainingExport.write(set, dir.resolve("train.set"));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("train.set")))) {
            assertThat(in.readInt()).isEqualTo(TrainingExport.MAGIC);
            assertThat(in.readInt()).isEqualTo(3);
            assertThat(in.readInt()).isEqualTo(64);
            assertThat(in.readInt()).isEqualTo(3);
            assertThat(in.readInt()).isEqualTo(2);
            assertThat(new int[]{in.readShort(), in.readShort(), in.readShort()}).containsExactly(1, 2, 2);
            assertThat(new int[]{in.readByte(), in.readByte(), in.readByte()}).containsExactly(0, 3, 0);
            assertThat(new int[]{in.readShort(), in.readShort(), in.readShort()}).containsExactly(3, 1, 1);
            byte[] first = in.readNBytes(64 * 64);
            byte[] font = in.readNBytes(64 * 64);
            assertThat(first[0]).isEqualTo((byte) 7);
            assertThat(first[1]).isEqualTo((byte) 4); // 128 of 255 is level 4 of 0..7
            assertThat(font[0]).isEqualTo((byte) 3);
            assertThat(in.readNBytes(64 * 64 + 1)).hasSize(64 * 64);
        }
    }

    @Test
    void theCapKeepsSoManyRealCropsPerNamedClassAndEveryRenderingAndRareCrop() {
        ClassIndex classes = new ClassIndex(List.of("U+3042", "U+3044"));
        SampleSet set = new SampleSet("train");
        for (int i = 0; i < 5; i++) {
            set.add(filled(i), 0);
            set.add(filled(i), 0, true);
            set.add(filled(i), classes.rareIndex());
        }
        set.add(filled(9), 1);
        SampleSet capped = TrainingExport.capped(set, classes, 2, 1);
        int realNamed = 0;
        for (int i = 0; i < capped.size(); i++) {
            if (capped.label(i) == 0 && !capped.isSynthetic(i)) {
                realNamed++;
            }
        }
        assertThat(realNamed).isEqualTo(2);
        assertThat(capped.syntheticCount()).isEqualTo(5);
        assertThat(capped.count(classes.rareIndex())).isEqualTo(5);
        assertThat(capped.count(1)).isEqualTo(1);
        assertThat(TrainingExport.capped(set, classes, 0, 1)).isSameAs(set);
    }

    @Test
    void theAuxiliarySetAndItsClassesAreWrittenBesideTheOthers(@TempDir Path dir) throws Exception {
        SyntheticData.write(dir.resolve("data"), 20, 1);
        TrainOptions options = TrainOptions.parse(new String[]{"--out", dir.resolve("m").toString(), "--data",
                dir.resolve("data").toString(), "--synthetic", "0"});
        ClassIndex classes = ClassIndex.fromCounts(dir.resolve("data/stats/kaggle-train-char-counts.tsv"), 3);
        TrainingData data = TrainingData.load(options, classes);

        TrainingExport.write(data, classes, dir.resolve("set"), 200, 1);

        assertThat(Files.readAllLines(dir.resolve("set").resolve(TrainingExport.AUX_CLASSES)))
                .containsExactly(SyntheticData.RARE);
        int stored;
        int[] labels;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("set").resolve("train.set")))) {
            in.readInt();
            stored = in.readInt();
            in.readNBytes(12);
            labels = new int[stored];
            for (int i = 0; i < stored; i++) {
                labels[i] = in.readShort();
            }
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("set").resolve(TrainingExport.AUX)))) {
            assertThat(in.readInt()).isEqualTo(stored);
            int rare = 0;
            for (int i = 0; i < stored; i++) {
                int aux = in.readShort();
                // the training set's rare crops, and only they, are of the folder's one rare class (aux class 0)
                assertThat(aux).isEqualTo(labels[i] == classes.rareIndex() ? 0 : -1);
                rare += aux == 0 ? 1 : 0;
            }
            assertThat(rare).isPositive();
        }
    }
}
