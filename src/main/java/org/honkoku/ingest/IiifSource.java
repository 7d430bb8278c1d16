package org.honkoku.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A IIIF manifest as input: its canvases' full images are fetched into a cache folder and then transcribed
 * like a folder of images. Each manifest gets a folder of its own under the cache, named from its label and a
 * short hash of where it came from (two manifests with one label do not share a folder), which is the
 * manuscript, named by the label; each canvas's image is saved as {@code 0003_3r.jpg} (its position and label).
 * An image is fetched once: a re-run finds it in the cache, so its page keeps its identity (the bytes' hash)
 * and nothing is done twice. A download goes to a {@code .part} file moved into place when complete, so a
 * crash leaves no half image behind. A canvas whose image cannot be fetched, and a manifest that cannot be
 * fetched or read, become a source file with its {@link SourceFile#problem()}: one failed page with the
 * reason, the run going on.
 */
public final class IiifSource {

    /** A manifest larger than this is refused: a manifest of thousands of canvases is a few MiB. */
    public static final long MAX_MANIFEST_BYTES = 16L << 20;
    private static final List<String> EXTENSIONS = List.of("jpg", "png", "tif", "jp2");

    private final HttpFetcher http;
    private final Path cache;
    private final long maxImageBytes;

    public IiifSource(HttpFetcher http, Path cache, InputLimits limits) {
        this.http = http;
        this.cache = cache.toAbsolutePath().normalize();
        this.maxImageBytes = limits.maxFileBytes();
    }

    /** Whether a command-line input is a manifest: an http or https URL, or a {@code .json} file. */
    public static boolean isManifest(String input) {
        return isUrl(input) || input.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    public static boolean isUrl(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * Reads the manifest (a URL, or a file) and returns one source per canvas, each fetching its image when
     * asked, so that the ingest step fetches one page after another; a manifest that cannot be read is one
     * source with its problem.
     */
    public List<Supplier<SourceFile>> pages(String manifest) {
        IiifCanvases parsed;
        try {
            parsed = IiifCanvases.parse(read(manifest));
        } catch (RuntimeException e) {
            // a bad manifest (or a bug reading one) fails its own entry, not the run's other inputs
            SourceFile failed = unreadable(manifest, e instanceof BadInputException ? e.getMessage() : e.toString());
            return List.of(() -> failed);
        }
        String name = parsed.label().isEmpty() ? "manifest" : parsed.label();
        Path folder = cache.resolve(safe(name, 60) + "-" + shortHash(manifest));
        if (parsed.canvases().isEmpty()) {
            SourceFile failed = new SourceFile(folder.resolve("0000.jpg"), SourceKind.IMAGE, folder,
                    "the IIIF manifest " + manifest + " has no canvases", name);
            return List.of(() -> failed);
        }
        List<Supplier<SourceFile>> pages = new ArrayList<>();
        for (int i = 0; i < parsed.canvases().size(); i++) {
            IiifCanvases.Canvas canvas = parsed.canvases().get(i);
            String label = safe(canvas.label(), 40);
            String base = String.format(Locale.ROOT, "%04d", i + 1) + (label.isEmpty() ? "" : "_" + label);
            pages.add(() -> fetch(canvas, folder, base, name));
        }
        return pages;
    }

    private byte[] read(String manifest) {
        if (isUrl(manifest)) {
            return http.fetch(manifest, MAX_MANIFEST_BYTES, "IIIF manifests: " + (MAX_MANIFEST_BYTES >> 20) + " MiB");
        }
        Path file = Path.of(manifest);
        try {
            SourceInspector.checkReadable(file);
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new BadInputException("IIIF manifest too large: " + Files.size(file) + " bytes, limit "
                        + MAX_MANIFEST_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A manifest that cannot be read: a failed page of its own manuscript, the file itself or, for a URL, a path
     * in the cache named by the URL's hash (the manuscript being named by the URL).
     */
    private SourceFile unreadable(String manifest, String reason) {
        if (!isUrl(manifest)) {
            Path file = Path.of(manifest);
            return new SourceFile(file, null, file, reason, String.valueOf(file.getFileName()));
        }
        String why = reason.contains(manifest) ? reason : manifest + ": " + reason;
        Path path = cache.resolve("unreadable-manifest-" + shortHash(manifest) + ".json");
        return new SourceFile(path, null, path, why, manifest);
    }

    private SourceFile fetch(IiifCanvases.Canvas canvas, Path folder, String base, String manuscript) {
        for (String ext : EXTENSIONS) {
            Path cached = folder.resolve(base + "." + ext);
            if (Files.isRegularFile(cached)) {
                return new SourceFile(cached, SourceKind.of(cached).orElse(null), folder, null, manuscript);
            }
        }
        String url = canvas.imageUrl();
        Path planned = folder.resolve(base + "." + extension(null, url));
        if (url == null) {
            return new SourceFile(planned, SourceKind.IMAGE, folder, "the canvas has no image in the IIIF manifest",
                    manuscript);
        }
        Path part = null;
        try {
            Files.createDirectories(folder);
            // a name of its own (two runs may fetch at once), made with the usual permissions, unlike a temp file's
            part = folder.resolve(base + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
            String contentType = http.download(url, part, maxImageBytes, "honkoku.limits.max-file-bytes");
            Path image = folder.resolve(base + "." + extension(contentType, url));
            moveIntoPlace(part, image);
            return new SourceFile(image, SourceKind.of(image).orElse(null), folder, null, manuscript);
        } catch (BadInputException e) {
            return new SourceFile(planned, SourceKind.IMAGE, folder, e.getMessage(), manuscript);
        } catch (RuntimeException e) {
            return new SourceFile(planned, SourceKind.IMAGE, folder, "cannot fetch " + url + ": " + e, manuscript);
        } catch (IOException e) {
            return new SourceFile(planned, SourceKind.IMAGE, folder, "cannot save " + url + " in " + folder + ": "
                    + e.getMessage(), manuscript);
        } finally {
            deleteQuietly(part);
        }
    }

    /** Two runs fetching the same image at once each write their own part file; the last move wins, same bytes. */
    private static void moveIntoPlace(Path part, Path image) throws IOException {
        try {
            Files.move(part, image, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, image, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path part) {
        if (part == null) {
            return;
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // a part file left behind is ignored by the next run, which writes a new one
        }
    }

    /**
     * A label made safe as (part of) a file name on every common file system: no separators or characters
     * Windows refuses, no control characters, no leading dot, runs of spaces as one {@code _}; at most
     * {@code max} characters (a Japanese label's UTF-8 bytes stay well under the usual 255).
     */
    static String safe(String label, int max) {
        String cleaned = label.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").replaceAll("\\s+", "_")
                .replaceAll("^[._]+", "");
        return cleaned.codePointCount(0, cleaned.length()) <= max ? cleaned
                : cleaned.substring(0, cleaned.offsetByCodePoints(0, max));
    }

    /** Eight hex digits of the SHA-256 of where a manifest came from. */
    static String shortHash(String location) {
        return SourceInspector.sha256(location.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /** The image's extension: from its content type when that names an image we read, else its URL's, else jpg. */
    static String extension(String contentType, String url) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/jpeg")) {
            return "jpg";
        }
        if (type.startsWith("image/png")) {
            return "png";
        }
        if (type.startsWith("image/tiff")) {
            return "tif";
        }
        if (type.startsWith("image/jp2")) {
            return "jp2";
        }
        String path = url == null ? "" : url.replaceAll("[?#].*$", "").toLowerCase(Locale.ROOT);
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        String ext = dot > slash ? path.substring(dot + 1) : "";
        return switch (ext) {
            case "jpeg", "jpg" -> "jpg";
            case "png" -> "png";
            case "tif", "tiff" -> "tif";
            case "jp2" -> "jp2";
            default -> "jpg";
        };
    }
}
