package org.honkoku;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.honkoku.batch.TranscribeCommand;
import org.honkoku.classify.BenchmarkCommand;
import org.honkoku.classify.ClassifyCommand;
import org.honkoku.evaluate.EvaluateCommand;
import org.honkoku.export.ExportCommand;
import org.honkoku.train.TrainCommand;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line. Commands that need the database (transcribe, export) start Spring; the others
 * (classify, evaluate, train, benchmark) are plain Java and start in a fraction of the time.
 */
public final class Honkoku {

    static final String USAGE = """
            usage: honkoku COMMAND [OPTIONS]
              transcribe PATH...                    images (jpg, png, tif), PDFs or folders -> the database
              export --format text|csv|kaggle --out PATH   transcribed pages, in reading order (- = stdout)
              classify PATH...                      single-character crops -> CSV on stdout
              evaluate --images DIR --truth CSV     the pipeline on labelled pages -> metrics as JSON
              evaluate --truth CSV --kaggle CSV     scores an export in the kaggle format
              train --out DIR --data DIR [--max-minutes N] [--resume] [--fine-tune MODEL_DIR]   trains the classifier
              benchmark [--model DIR] [--update]    the classifier's crops/s at batch 1, 32, 128 and peak memory
            common options: --db JDBC_URL (default: H2 file ./data/honkoku), --model DIR (default: models/default)""";

    private Honkoku() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "transcribe", "export" -> runWithSpring(command, List.of(rest));
                case "classify" -> ClassifyCommand.run(rest);
                case "evaluate" -> EvaluateCommand.run(rest);
                case "train" -> TrainCommand.run(rest);
                case "benchmark" -> BenchmarkCommand.run(rest);
                default -> throw new IllegalArgumentException("unknown command '" + command + "'\n" + USAGE);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("honkoku " + command + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("honkoku " + command + ": failed: " + e);
            return 1;
        }
    }

    private static int runWithSpring(String command, List<String> args) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("db", "model", "format", "out"), Set.of());
        // Handed to Spring as its own command-line arguments, which outrank application.properties.
        List<String> springArgs = new ArrayList<>();
        if (line.options().containsKey("db")) {
            springArgs.add("--spring.datasource.url=" + line.required("db"));
        }
        if (line.options().containsKey("model")) {
            springArgs.add("--honkoku.model=" + line.required("model"));
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HonkokuApplication.class)
                .run(springArgs.toArray(String[]::new))) {
            if (command.equals("transcribe")) {
                return context.getBean(TranscribeCommand.class).run(line.positional());
            }
            int pages = context.getBean(ExportCommand.class).run(line.required("format"), line.required("out"));
            System.err.println("export: " + pages + " pages written to " + line.required("out"));
            return 0;
        }
    }
}
