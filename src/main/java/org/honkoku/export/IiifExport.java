package org.honkoku.export;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.honkoku.browse.PageImages;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscriptionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * IIIF manifests of the transcribed manuscripts ({@link IiifManifest}), two ways:
 * <ul>
 * <li>{@code ./honkoku export --format iiif --out DIR [--base-url URL]}: a static IIIF publication, one folder per
 * manuscript with its {@code manifest.json} and {@code images/} (the scans as grayscale JPEG at their own size,
 * as the pipeline reads them). Every id starts with the base URL under which DIR will be
 * published (default {@code http://localhost:8000/}, which {@code python3 -m http.server 8000} in DIR serves).
 * <li>{@code ./honkoku serve}: {@code /iiif/{manuscript}/manifest} with ids under the server's own address and
 * the scans at their own size, for the built-in Mirador viewer and for signed-in users' own viewers.
 * </ul>
 */
@Component
public class IiifExport {

    public static final String DEFAULT_BASE_URL = "http://localhost:8000/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TranscriptionRepository transcriptions;
    private final ProgressRepository progress;
    private final PageImages images;

    IiifExport(TranscriptionRepository transcriptions, ProgressRepository progress, PageImages images) {
        this.transcriptions = transcriptions;
        this.progress = progress;
        this.images = images;
    }

    /** The manifest {@code serve} answers for a manuscript, its ids under {@code appBase} (no trailing slash). */
    public ObjectNode served(long manuscriptId, List<PageTranscription> pages, String appBase) {
        String base = appBase + "/iiif/" + manuscriptId;
        return IiifManifest.of(pages.get(0).manuscript(), pages, new IiifManifest.Addresses() {
            @Override
            public String manifest() {
                return base + "/manifest";
            }

            @Override
            public String base() {
                return base;
            }

            @Override
            public String image(PageTranscription page) {
                return appBase + "/pages/" + page.info().pageId() + "/image/full";
            }
        });
    }

    /** Writes every manuscript with transcribed pages into {@code folder}; returns the pages written. */
    public int write(Path folder, String baseUrl) throws IOException {
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("--base-url must be an http or https URL (IIIF ids are), not " + baseUrl);
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is a file: --out needs a folder");
        }
        Files.createDirectories(folder);
        Set<String> folders = new HashSet<>();
        int written = 0;
        for (long manuscript : transcriptions.manuscriptsWithDonePages()) {
            List<PageTranscription> pages = transcriptions.donePages(manuscript);
            String name = PageFileNames.safe(pages.get(0).manuscript());
            for (int n = 2; !folders.add(name); n++) {
                name = PageFileNames.safe(pages.get(0).manuscript()) + "_" + n;
            }
            written += writeManuscript(folder.resolve(name), base.resolve(encode(name) + "/").toString(), pages);
        }
        return written;
    }

    private int writeManuscript(Path dir, String base, List<PageTranscription> pages) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        PageFileNames names = new PageFileNames();
        Map<Long, String> imageNames = new HashMap<>();
        for (PageTranscription page : pages) {
            String file = names.next(page.imageId(), ".jpg");
            StoredPage source = progress.transcribedSource(page.info().pageId())
                    .orElseThrow(() -> new IllegalStateException("page " + page.info().pageId() + " is gone"));
            byte[] scan;
            try {
                scan = images.full(source);
            } catch (ResponseStatusException e) {
                // the scan moved or vanished since it was transcribed: a publication without it would be broken
                throw new IllegalStateException("cannot publish " + page.manuscript() + " / " + page.imageId() + ": "
                        + e.getReason(), e);
            }
            atomically(dir.resolve("images").resolve(file), out -> out.write(scan));
            imageNames.put(page.info().pageId(), file);
        }
        ObjectNode manifest = IiifManifest.of(pages.get(0).manuscript(), pages, new IiifManifest.Addresses() {
            @Override
            public String manifest() {
                return base + "manifest.json";
            }

            @Override
            public String base() {
                return base.substring(0, base.length() - 1);
            }

            @Override
            public String image(PageTranscription page) {
                return base + "images/" + encode(imageNames.get(page.info().pageId()));
            }
        });
        atomically(dir.resolve("manifest.json"), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
        return pages.size();
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Written beside, then moved: a publication folder never holds half a file. */
    private static void atomically(Path file, Body body) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            body.write(out);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file or folder name as one URL path segment. */
    static String encode(String name) {
        return UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
    }
}
