package org.honkoku.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.TranscriptionRepository;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku export --format F --out PATH [--reviewed-only]}: every transcribed page, in reading
 * order. {@code page} and {@code alto} write one XML file per page into the folder PATH, {@code tei} one TEI
 * document per manuscript.
 */
@Component
public class ExportCommand {

    private final TranscriptionRepository transcriptions;

    ExportCommand(TranscriptionRepository transcriptions) {
        this.transcriptions = transcriptions;
    }

    /** Writes the export to {@code out} ({@code -} for standard output); returns the pages written. */
    public int run(String format, String out, boolean reviewedOnly) throws IOException {
        if (format.equals("tei")) {
            if (reviewedOnly) {
                throw new IllegalArgumentException("--reviewed-only applies to the text and csv formats");
            }
            if (out.equals("-")) {
                throw new IllegalArgumentException("tei writes one file per manuscript: --out needs a folder");
            }
            return writeTei(Path.of(out));
        }
        Optional<PageFileExporter> perPage = PageFileExporter.forFormat(format);
        if (perPage.isPresent()) {
            if (reviewedOnly) {
                throw new IllegalArgumentException("--reviewed-only applies to the text and csv formats");
            }
            if (out.equals("-")) {
                throw new IllegalArgumentException(format + " writes one file per page: --out needs a folder");
            }
            return writeFiles(perPage.get(), Path.of(out));
        }
        Exporter exporter = Exporter.forFormat(format, reviewedOnly);
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

    private int writeTei(Path folder) throws IOException {
        requireFolder(folder);
        PageFileNames names = new PageFileNames();
        int pages = 0;
        for (long manuscript : transcriptions.manuscriptsWithDonePages()) {
            List<PageTranscription> of = transcriptions.donePages(manuscript);
            try (OutputStream file = Files.newOutputStream(folder.resolve(names.next(of.get(0).manuscript(), ".xml")))) {
                new TeiExporter().write(of, file);
            }
            pages += of.size();
        }
        return pages;
    }

    private static void requireFolder(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is a file: --out needs a folder");
        }
        Files.createDirectories(folder);
    }

    private int writeFiles(PageFileExporter exporter, Path folder) throws IOException {
        requireFolder(folder);
        List<PageTranscription> pages = transcriptions.donePages();
        PageFileNames names = new PageFileNames();
        for (PageTranscription page : pages) {
            try (OutputStream file = Files.newOutputStream(folder.resolve(names.next(page.imageId(), ".xml")))) {
                exporter.write(page, file);
            }
        }
        return pages.size();
    }
}
