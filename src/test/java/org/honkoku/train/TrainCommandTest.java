package org.honkoku.train;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.Preprocess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainCommandTest {

    /** A network far smaller than the real one: this test is about the command, not the architecture. */
    private static TrainCommand command(ByteArrayOutputStream log) {
        return new TrainCommand(new NetworkFactory(new int[]{8, 16}, 32), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void tinyRunWritesAModelThatBeatsChanceAndResumes(@TempDir Path dir) throws Exception {
        // given three synthetic classes (and rare) in the shared data layout
        Path data = dir.resolve("data");
        SyntheticData.write(data, 60, 1);
        Path out = dir.resolve("model");
        Path checkpoints = dir.resolve("checkpoints");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String[] args = {"--out", out.toString(), "--data", data.toString(), "--epochs", "3", "--batch", "16",
                "--max-minutes", "5", "--checkpoints", checkpoints.toString(), "--lr", "0.005", "--synthetic", "0"};

        // when
        int code = command(log).execute(args);
        System.out.print(log.toString(StandardCharsets.UTF_8)); // shown in the surefire output on failure

        // then a complete model folder, which reads fresh shapes far better than chance (1 in 4)
        assertThat(code).as(log.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.resolve("network.zip")).isRegularFile();
        assertThat(Files.readAllLines(out.resolve("labels.tsv"))).hasSize(4).last().isEqualTo("3\trare\t〓");
        assertThat(Files.readString(out.resolve("model.properties"))).contains("version=honkoku-cnn-");
        assertThat(Files.readAllLines(out.resolve(ClassPriors.FILE))).hasSize(2 + 4);
        assertThat(Files.readString(out.resolve("MODEL.md"))).contains("kkanji validation", "samples/s",
                "held-out book", "Top confusions", "## Inference speed");
        assertThat(Files.readAllLines(out.resolve(Trainer.CURVE))).hasSize(1 + 3)
                .first().isEqualTo(Trainer.CURVE_HEADER);
        assertThat(javax.imageio.ImageIO.read(out.resolve(CurvePlot.PNG).toFile()).getWidth()).isGreaterThan(100);
        Classifier classifier = Classifier.load(out);
        Random random = new Random(99);
        int correct = 0;
        int n = 60;
        float[][] inputs = new float[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = Preprocess.toFloats(SyntheticData.shape(i % 4, random));
        }
        List<Prediction> predictions = classifier.classifyInputs(inputs);
        for (int i = 0; i < n; i++) {
            String truth = i % 4 < 3 ? SyntheticData.NAMED[i % 4] : "rare";
            correct += predictions.get(i).best().label().equals(truth) ? 1 : 0;
        }
        assertThat(correct).as("correct of %d", n).isGreaterThan(n / 2);

        // and --resume continues from the checkpoint instead of starting over
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        String[] more = args.clone();
        more[5] = "4";
        String[] resumed = java.util.stream.Stream.concat(java.util.Arrays.stream(more), java.util.stream.Stream.of("--resume"))
                .toArray(String[]::new);
        assertThat(command(log2).execute(resumed)).isZero();
        assertThat(log2.toString(StandardCharsets.UTF_8)).contains("resuming at epoch 4");
        assertThat(Files.readAllLines(out.resolve(Trainer.CURVE))).hasSize(1 + 4);

        // and --measure rewrites the accuracy sections of MODEL.md from the network as it is, nothing else
        Path modelMd = out.resolve("MODEL.md");
        String before = Files.readString(modelMd);
        String stale = before.substring(0, before.indexOf(ModelReport.MEASURED_HEADING)) + ModelReport.MEASURED_HEADING
                + "\n\nstale figures\n\n" + before.substring(before.indexOf(ModelReport.SPEED_HEADING)) + "kept\n";
        Files.writeString(modelMd, stale);
        byte[] network = Files.readAllBytes(out.resolve("network.zip"));
        ByteArrayOutputStream log3 = new ByteArrayOutputStream();
        String[] measure = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--measure"))
                .toArray(String[]::new);
        assertThat(command(log3).execute(measure)).as(log3.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(log3.toString(StandardCharsets.UTF_8)).contains("measured: held-out book named");
        String after = Files.readString(modelMd);
        assertThat(after).doesNotContain("stale figures").contains("| kkanji validation (5% by image) | ",
                "Held-out book by script", "## Top confusions", "kept");
        assertThat(after.substring(0, after.indexOf(ModelReport.MEASURED_HEADING)))
                .isEqualTo(before.substring(0, before.indexOf(ModelReport.MEASURED_HEADING)));
        assertThat(Files.readAllBytes(out.resolve("network.zip"))).isEqualTo(network);
        assertThat(Files.readAllLines(out.resolve(Trainer.CURVE))).hasSize(1 + 4);
    }

    @Test
    void aNetworkTrainedOnAGpuIsImportedAsAModelFolder(@TempDir Path dir) throws Exception {
        // given the shared data layout, and what scripts/gpu_train.py writes: the weights (the TorchImport fixture, a
        // network of the three synthetic classes and rare) and the record of its run beside them
        Path data = dir.resolve("data");
        SyntheticData.write(data, 20, 1);
        Path weights = dir.resolve("run").resolve("model.npz");
        Files.createDirectories(weights.getParent());
        Files.copy(Path.of(TrainCommandTest.class.getResource("/torch/tiny.npz").toURI()), weights);
        Files.writeString(weights.resolveSibling("model.properties"), String.join("\n",
                "command=python3 scripts/gpu_train.py --set s --held-out-book 200003076 --minutes 1 --out o",
                "device=a test", "held_out_book=200003076", "epochs=2", "samples=1300", "seconds=10",
                "best_score=0.5", "method=no training at all", "export_command=./honkoku train --export-set s",
                "export_cap=at most 200 real crops per named class") + "\n");
        Path out = dir.resolve("model");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        // when it is imported
        int code = command(log).execute(new String[]{"--import-weights", weights.toString(), "--out", out.toString(),
                "--data", data.toString(), "--synthetic", "0"});

        // then the folder is a model like train's, with the script's run in its MODEL.md and the prior correction
        // made from the counts the script trained on (10, 20, 30 and 5 samples per epoch), not from the data's
        assertThat(code).as(log.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("agree on 4 probe inputs");
        assertThat(Files.readString(out.resolve("MODEL.md"))).contains("./honkoku train --export-set s",
                "python3 scripts/gpu_train.py", "--import-weights " + weights, "at most 200 real crops per named class",
                "trained by `scripts/gpu_train.py` (PyTorch) on a test");
        List<String> priors = Files.readAllLines(out.resolve("class-priors.tsv")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(priors).hasSize(4);
        assertThat(Double.parseDouble(priors.get(0).split("\t")[2])).isCloseTo(10 / 65.0, within(1e-4));
        assertThat(Double.parseDouble(priors.get(3).split("\t")[2])).isCloseTo(5 / 65.0, within(1e-4));
        assertThat(Classifier.load(out).classifyInputs(new float[][]{new float[64 * 64]})).hasSize(1);

        // and a network trained without another book than the one held out here is refused
        assertThat(command(new ByteArrayOutputStream()).execute(new String[]{"--import-weights", weights.toString(),
                "--out", dir.resolve("other").toString(), "--data", data.toString(), "--synthetic", "0",
                "--held-out-book", "brsk"})).isEqualTo(1);
        assertThat(dir.resolve("other").resolve("network.zip")).doesNotExist();
    }

    @Test
    void fineTuneStartsFromAModelAndLearnsNewLabelledCrops(@TempDir Path dir) throws Exception {
        // given a model trained on three shapes, and crops of the rare shape (a cross) labelled as the ring's class
        Path data = dir.resolve("data");
        SyntheticData.write(data, 60, 1);
        Path base = dir.resolve("base");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThat(command(log).execute(new String[]{"--out", base.toString(), "--data", data.toString(), "--epochs", "3",
                "--batch", "16", "--checkpoints", dir.resolve("c1").toString(), "--lr", "0.005", "--synthetic", "0"}))
                .as(log.toString(StandardCharsets.UTF_8)).isZero();
        Path crops = SyntheticData.writeCrops(dir.resolve("crops"), 3, SyntheticData.NAMED[2], 40, 2);

        // when it is fine-tuned on them
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        Path tuned = dir.resolve("tuned");
        int code = command(log2).execute(new String[]{"--out", tuned.toString(), "--data", data.toString(), "--epochs", "3",
                "--batch", "16", "--checkpoints", dir.resolve("c2").toString(), "--synthetic", "0", "--lr", "0.003",
                "--fine-tune", base.toString(), "--crops", crops.toString()});

        // then the model starts from the old network and now reads crosses as the ring's class
        assertThat(code).as(log2.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(log2.toString(StandardCharsets.UTF_8)).contains("fine-tuned from it", "extra labelled crops");
        assertThat(Files.readString(tuned.resolve("MODEL.md"))).contains("--fine-tune " + base);
        Classifier before = Classifier.load(base);
        Classifier after = Classifier.load(tuned);
        float[][] crosses = new float[20][];
        Random random = new Random(77);
        for (int i = 0; i < crosses.length; i++) {
            crosses[i] = Preprocess.toFloats(SyntheticData.shape(3, random));
        }
        assertThat(countLabel(before.classifyInputs(crosses), SyntheticData.NAMED[2])).isLessThan(5);
        // measured: 14 of 20 with ReLU layers of their own (more than 15 before, when batch norm's ReLU was ignored;
        // 14 also after 5 and 8 epochs)
        assertThat(countLabel(after.classifyInputs(crosses), SyntheticData.NAMED[2])).isGreaterThan(10);
    }

    private static long countLabel(List<Prediction> predictions, String label) {
        return predictions.stream().filter(p -> p.best().label().equals(label)).count();
    }

    @Test
    void readingContextLeavesOutTheLabelledPagesAndTheHeldOutBook(@TempDir Path dir) throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("truth.csv"), "image_id,unicode,x,y,w,h\nbrsk001-009,U+306E,1,2,3,4\n");

        var withheld = TrainCommand.withheldFromContext(dir);

        assertThat(withheld.test("brsk001-009")).isTrue();
        assertThat(withheld.test(TrainingData.HELD_OUT_BOOK + "_00012")).isTrue();
        assertThat(withheld.test("100249371_00001")).isFalse();
    }

    @Test
    void rejectsMissingOptions() {
        assertThat(TrainCommand.run(new String[]{"--out", "x"})).isEqualTo(2);
    }
}
