package org.honkoku.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.TranscriptionRepository;
import org.springframework.stereotype.Component;

/** {@code ./honkoku export --format F --out PATH}: every transcribed page, in reading order. */
@Component
public class ExportCommand {

    private final TranscriptionRepository transcriptions;

    ExportCommand(TranscriptionRepository transcriptions) {
        this.transcriptions = transcriptions;
    }

    /** Writes the export to {@code out} ({@code -} for standard output); returns the pages written. */
    public int run(String format, String out) throws IOException {
        Exporter exporter = Exporter.forFormat(format);
        List<PageTranscription> pages = transcriptions.donePages();
        if (out.equals("-")) {
            Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            exporter.write(pages, stdout);
            stdout.flush();
        } else {
            Path path = Path.of(out);
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                exporter.write(pages, writer);
            }
        }
        return pages.size();
    }
}
