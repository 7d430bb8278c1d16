package org.honkoku.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.honkoku.Defaults;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.SourceKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Where the admin page's uploads are kept ({@code honkoku.uploads.folder}, by default {@code data/uploads} of the
 * installation): each upload in a new folder of its own, named after the manuscript, which is what the batch
 * names a folder's manuscript after. Names are made safe (letters, digits, spaces and {@code -_.()} kept, nothing
 * that leads out of the folder, no hidden files), and nothing is ever written over: a taken folder or file name
 * gets a number. Only the kinds of file the batch takes ({@link SourceKind}) and no file over the batch's size limit
 * are accepted; what is inside a file is left to the batch's own checks, so a broken one becomes a failed page.
 */
@Component
class Uploads {

    private static final int MAX_NAME = 100;

    private final Path root;
    private final InputLimits limits;
    private final long maxUpload;

    Uploads(@Value("${honkoku.uploads.folder:}") String root, InputLimits limits,
            @Value("${honkoku.uploads.max-bytes:2GB}") DataSize maxUpload) {
        this.root = (root.isBlank() ? Defaults.dataFolder("uploads")
                : Path.of(root)).toAbsolutePath().normalize();
        this.limits = limits;
        this.maxUpload = maxUpload.toBytes();
    }

    Path root() {
        return root;
    }

    long maxFileBytes() {
        return limits.maxFileBytes();
    }

    /** The largest file taken, for people: "512.0 MB". */
    String maxFile() {
        return size(limits.maxFileBytes());
    }

    /** The most an upload may hold in all, for people. */
    String maxUpload() {
        return size(maxUpload);
    }

    /**
     * Saves the files into a new folder named after the manuscript and returns it (absolute); refuses the whole
     * upload, before anything is written, when a file is not of a kind the batch takes or is too large.
     */
    Path save(String manuscript, List<MultipartFile> files) throws IOException {
        String folderName = safe(manuscript);
        if (folderName.isEmpty()) {
            throw new IllegalArgumentException("Give the manuscript a name (letters or digits).");
        }
        List<MultipartFile> chosen = files.stream()
                .filter(f -> f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank()).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one scan (jpg, png, tif) or PDF.");
        }
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (MultipartFile file : chosen) {
            String original = file.getOriginalFilename();
            String name = safe(lastSegment(original));
            if (name.isEmpty() || SourceKind.of(Path.of(name)).isEmpty()) {
                throw new IllegalArgumentException(original + ": not a scan the batch takes (jpg, jpeg, png, tif,"
                        + " tiff or pdf). Nothing was uploaded.");
            }
            if (file.getSize() > limits.maxFileBytes()) {
                throw new IllegalArgumentException(original + " is " + size(file.getSize()) + ": larger than the "
                        + maxFile() + " a file may be (honkoku.limits.max-file-bytes). Nothing was uploaded.");
            }
            names.add(unique(name, taken));
        }
        if (chosen.stream().mapToLong(MultipartFile::getSize).sum() > maxUpload) {
            throw new IllegalArgumentException("These files are more than the " + maxUpload() + " an upload may hold"
                    + " in all (honkoku.uploads.max-bytes): upload them in parts. Nothing was uploaded.");
        }
        Path folder = newFolder(folderName);
        for (int i = 0; i < chosen.size(); i++) {
            Path target = folder.resolve(names.get(i)).normalize();
            if (!folder.equals(target.getParent())) {
                throw new IllegalStateException("refused to write outside the upload folder: " + target);
            }
            try (InputStream in = chosen.get(i).getInputStream()) {
                Files.copy(in, target); // fails rather than replace a file
            }
        }
        return folder;
    }

    /** A new folder under the root, "NAME" or the first free "NAME-2", "NAME-3"... (made atomically). */
    private Path newFolder(String name) throws IOException {
        Files.createDirectories(root);
        for (int n = 1; ; n++) {
            Path folder = root.resolve(n == 1 ? name : name + "-" + n).normalize();
            if (!root.equals(folder.getParent())) {
                throw new IllegalStateException("refused to make a folder outside the uploads: " + folder);
            }
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // an earlier upload of the same name: the next number
            }
        }
    }

    /** "page.jpg", or "page-2.jpg" when an earlier file of this upload took the name (compared ignoring case). */
    private static String unique(String name, Set<String> taken) {
        int dot = name.lastIndexOf('.');
        String candidate = name;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = name.substring(0, dot) + "-" + n + name.substring(dot);
        }
        return candidate;
    }

    /** What a browser sends may be a whole path, Windows' or another's: only its last part names the file. */
    private static String lastSegment(String name) {
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    /**
     * Letters and digits of any script, spaces and {@code -_.()} kept, anything else a {@code -}; no leading dots
     * or dashes (hidden files, "..", options), no trailing dots or spaces; at most 100 characters.
     */
    static String safe(String name) {
        StringBuilder s = new StringBuilder();
        name.strip().codePoints().forEach(c -> s.appendCodePoint(
                Character.isLetterOrDigit(c) || c == ' ' || "-_.()".indexOf(c) >= 0 ? c : '-'));
        String cleaned = s.toString().replaceAll("-{2,}", "-").replaceAll("^[.\\- ]+", "")
                .replaceAll("[. ]+$", "");
        if (cleaned.length() > MAX_NAME) {
            int dot = cleaned.lastIndexOf('.');
            String ext = dot > 0 && cleaned.length() - dot <= 6 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, MAX_NAME - ext.length()) + ext;
        }
        return cleaned;
    }

    static String size(long bytes) {
        return bytes < 1 << 20 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }
}
