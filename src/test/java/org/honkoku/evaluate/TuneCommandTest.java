package org.honkoku.evaluate;

import org.honkoku.classify.BoxCalibration;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.ReadingContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tune and evaluate on two real labelled pages of two books, with a copy of the shipped model. */
class TuneCommandTest {

    private static final Path DATA = Path.of("..", "shared", "data");
    private static final List<String> PAGES = List.of("100241706_00005_2", "200003076_00005_1");

    @TempDir
    static Path dir;
    private static Path model;
    private static Path images;
    private static Path truth;

    @BeforeAll
    static void twoPagesAndAModel() throws Exception {
        model = dir.resolve("model");
        Files.createDirectories(model);
        for (String f : List.of("network.zip", "labels.tsv", "model.properties", "class-priors.tsv")) {
            Files.copy(Path.of("models", "default", f), model.resolve(f));
        }
        images = dir.resolve("images");
        Files.createDirectories(images);
        StringBuilder csv = new StringBuilder();
        for (String line : Files.readAllLines(DATA.resolve("pages/truth.csv"), StandardCharsets.UTF_8)) {
            if (csv.isEmpty() || PAGES.contains(line.split(",")[0])) {
                csv.append(line).append('\n');
            }
        }
        truth = dir.resolve("truth.csv");
        Files.writeString(truth, csv);
        for (String page : PAGES) {
            Files.copy(DATA.resolve("pages/images/" + page + ".jpg"), images.resolve(page + ".jpg"));
        }
    }

    private static String run(Command c, String... args) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(c.run(args)).isZero();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private interface Command {
        int run(String[] args) throws Exception;
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\": ([0-9.]+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", field, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void tuneChoosesLeaveOneBookOutAndWritesWhatEvaluateThenUses() throws Exception {
        String json = run(TuneCommand::run, "--images", images.toString(), "--truth", truth.toString(), "--data",
                DATA.toString(), "--model", model.toString(), "--orders", "2,3", "--weights", "0.5,1.0", "--write");

        // every book is scored with the setting chosen on the other one, and its calibration fitted on the other
        assertThat(json).contains("\"context_leave_one_book_out\"", "\"calibration_leave_one_book_out\"");
        String lobo = json.substring(json.indexOf("\"context_leave_one_book_out\""));
        assertThat(lobo).contains("\"100241706\": {\"chosen_on_the_others\"", "\"200003076\": {\"chosen_on_the_others\"");
        assertThat(json).contains("\"none\": {\"all\"", "\"order 2, weight 0.50\"", "\"order 3, weight 1.00\"");

        Classifier tuned = Classifier.load(model);
        String chosen = json.replaceAll("(?s).*\"context_chosen\": \"([^\"]*)\".*", "$1");
        if (chosen.equals("none")) {
            assertThat(tuned.context()).isNull();
        } else {
            assertThat(tuned.context().order()).isEqualTo(chosen.startsWith("order 2") ? 2 : 3);
            assertThat(tuned.contextWeight()).isEqualTo(chosen.endsWith("0.50") ? 0.5 : 1.0);
            // the n-grams leave out every page of the dev books, not only the labelled ones
            ReadingContext all = ReadingContext.build(DATA.resolve("stats/kaggle-train-boxes-711-pages.csv"),
                    tuned.classes(), id -> false, 2);
            assertThat(tuned.context().columns()).isLessThan(all.columns() * 9 / 10);
        }
        assertThat(tuned.calibration()).isNotNull();
        String modelMd = Files.readString(model.resolve("MODEL.md"), StandardCharsets.UTF_8);
        assertThat(modelMd).startsWith(TuneCommand.SECTION).contains("./honkoku tune --images")
                .contains("| 200003076 | no (held out) |").contains("| 100241706 | yes |").contains("| mean |");
        assertThat(BoxCalibration.read(model).note()).contains("fitted by tune").contains("100241706, 200003076");

        String evaluated = run(EvaluateCommand::run, "--images", images.toString(), "--truth", truth.toString(),
                "--model", model.toString());
        assertThat(number(evaluated, "box_ece")).isBetween(0.0, 0.15); // fitted on these very boxes
        assertThat(number(evaluated, "wrong_in_lowest_30pct")).isBetween(0.4, 1.0);
        assertThat(evaluated).contains("\"per_book\"", "\"100241706\": {\"pages\": 1", "\"200003076\": {\"pages\": 1");
        double f1 = number(evaluated, "f1");
        assertThat(f1).isBetween(0.4, 0.9);
    }

    /** The pages scanned on their side are read turned back: exactly as the pages as scanned, truth turned with them. */
    @Test
    void evaluateTurnsThePagesAndTheirTruth() throws Exception {
        String asScanned = run(EvaluateCommand::run, "--images", images.toString(), "--truth", truth.toString(),
                "--model", "models/default");
        String turned = run(EvaluateCommand::run, "--images", images.toString(), "--truth", truth.toString(),
                "--model", "models/default", "--turn", "1");
        assertThat(number(asScanned, "f1")).isGreaterThan(0.4);
        for (String figure : List.of("f1", "detection_f1", "accuracy", "box_ece")) {
            assertThat(number(turned, figure)).as(figure).isEqualTo(number(asScanned, figure));
        }
    }

    @Test
    void aSectionOfModelMdIsReplacedOrPutBeforeTheSpeedSection(@TempDir Path tmp) throws Exception {
        Path md = tmp.resolve("MODEL.md");
        Files.writeString(md, "# m\n\n## Training data\n\nfonts\n\n## Inference speed\n\nfast\n");
        ModelSections.replace(md, "## Reading", "first");
        assertThat(Files.readString(md)).isEqualTo("# m\n\n## Training data\n\nfonts\n\n## Reading\n\nfirst\n\n"
                + "## Inference speed\n\nfast\n");
        ModelSections.replace(md, "## Reading", "second\n");
        assertThat(Files.readString(md)).isEqualTo("# m\n\n## Training data\n\nfonts\n\n## Reading\n\nsecond\n\n"
                + "## Inference speed\n\nfast\n");
    }

    @Test
    void aBookIsScoredWithTheSettingBestOnTheOtherBooks() {
        // order 2 reads book A well and book B badly; order 3 the other way round; no context is middling on both
        var none = new TuneCommand.Setting(0, 0);
        var two = new TuneCommand.Setting(2, 0.5);
        var three = new TuneCommand.Setting(3, 0.5);
        java.util.Map<TuneCommand.Setting, List<PageMetrics>> scored = new java.util.LinkedHashMap<>();
        scored.put(none, List.of(page("100241706_00001", 60), page("brsk001", 60)));
        scored.put(two, List.of(page("100241706_00001", 90), page("brsk001", 20)));
        scored.put(three, List.of(page("100241706_00001", 30), page("brsk001", 80)));
        assertThat(TuneCommand.best(scored, p -> !p.book().equals("100241706"))).isEqualTo(three);
        assertThat(TuneCommand.best(scored, p -> !p.book().equals("brsk"))).isEqualTo(two);
        assertThat(TuneCommand.best(scored, p -> true)).isEqualTo(none); // 120 hits against 110 and 110
    }

    /** A page of 100 truth characters of which {@code hits} were read right, with no false alarm. */
    private static PageMetrics page(String id, int hits) {
        Score s = new Score(hits, 0, 100 - hits);
        return new PageMetrics(id, hits, s, s);
    }

    @Test
    void tuneNeedsTwoBooks() throws Exception {
        Path one = dir.resolve("one.csv");
        List<String> lines = Files.readAllLines(truth, StandardCharsets.UTF_8);
        Files.write(one, lines.stream().filter(l -> !l.startsWith("200003076")).toList(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TuneCommand.run(new String[]{"--images", images.toString(), "--truth", one.toString(),
                "--data", DATA.toString(), "--model", model.toString(), "--orders", "2", "--weights", "0.5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two books");
    }
}
