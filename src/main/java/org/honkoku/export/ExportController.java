package org.honkoku.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.TranscriptionRepository;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The download buttons: a manuscript's ZIP or one of its files, a page's PAGE XML or ALTO. */
@Controller
class ExportController {

    private final TranscriptionRepository transcriptions;

    ExportController(TranscriptionRepository transcriptions) {
        this.transcriptions = transcriptions;
    }

    @GetMapping("/manuscripts/{id}/export.zip")
    ResponseEntity<StreamingResponseBody> zip(@PathVariable long id,
                                              @RequestParam(defaultValue = "false") boolean reviewedOnly) {
        List<PageTranscription> pages = pages(id);
        String name = pages.get(0).manuscript() + (reviewedOnly ? "-reviewed" : "") + ".zip";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name))
                .body(out -> ManuscriptArchive.write(pages, reviewedOnly, out));
    }

    /** text, csv or kaggle of one manuscript, shown in the browser as plain text. */
    @GetMapping("/manuscripts/{id}/export/{format}")
    ResponseEntity<String> file(@PathVariable long id, @PathVariable String format,
                                @RequestParam(defaultValue = "false") boolean reviewedOnly) throws IOException {
        Exporter exporter;
        try {
            exporter = Exporter.forFormat(format, reviewedOnly);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        StringWriter out = new StringWriter();
        exporter.write(pages(id), out);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(out.toString());
    }

    /** The manuscript as one TEI P5 document, as a download. */
    @GetMapping("/manuscripts/{id}/export.tei.xml")
    ResponseEntity<StreamingResponseBody> tei(@PathVariable long id) {
        List<PageTranscription> pages = pages(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(pages.get(0).manuscript() + "-tei.xml"))
                .body(out -> new TeiExporter().write(pages, out));
    }

    /** PAGE XML ({@code page}) or ALTO ({@code alto}) of one page, as a download. */
    @GetMapping("/pages/{id}/export/{format}")
    ResponseEntity<byte[]> page(@PathVariable long id, @PathVariable String format) throws IOException {
        PageFileExporter exporter = PageFileExporter.forFormat(format)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no page format " + format));
        PageTranscription page = transcriptions.donePage(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no transcribed page " + id));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.write(page, out);
        String name = new PageFileNames().next(page.imageId(), "-" + format + ".xml");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name)).body(out.toByteArray());
    }

    private List<PageTranscription> pages(long manuscriptId) {
        List<PageTranscription> pages = transcriptions.donePages(manuscriptId);
        if (pages.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no transcribed pages in manuscript " + manuscriptId);
        }
        return pages;
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
    }
}
