package org.honkoku.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.honkoku.store.PageTranscription;

/**
 * Every export of one manuscript in one ZIP: {@code transcription.txt}, {@code transcription.csv},
 * {@code kaggle.csv}, {@code tei.xml} (TEI P5), and {@code page/} and {@code alto/} with an XML file per page.
 */
public final class ManuscriptArchive {

    private ManuscriptArchive() {
    }

    /** @param reviewedOnly applies to the text and csv files (see {@link Exporter#forFormat(String, boolean)}) */
    public static void write(List<PageTranscription> pages, boolean reviewedOnly, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        for (String format : List.of("text", "csv", "kaggle")) {
            String name = switch (format) {
                case "text" -> "transcription.txt";
                case "csv" -> "transcription.csv";
                default -> "kaggle.csv";
            };
            zip.putNextEntry(new ZipEntry(name));
            Exporter.forFormat(format, reviewedOnly && !format.equals("kaggle")).write(pages, text);
            text.flush();
            zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry("tei.xml"));
        new TeiExporter().write(pages, zip);
        zip.closeEntry();
        for (String format : List.of("page", "alto")) {
            PageFileExporter exporter = PageFileExporter.forFormat(format).orElseThrow();
            PageFileNames names = new PageFileNames();
            for (PageTranscription page : pages) {
                zip.putNextEntry(new ZipEntry(format + "/" + names.next(page.imageId(), ".xml")));
                exporter.write(page, zip);
                zip.closeEntry();
            }
        }
        zip.finish();
    }
}
