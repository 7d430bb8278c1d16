package org.honkoku.ingest;

import java.nio.file.Path;

/**
 * One file to transcribe and the manuscript it belongs to: its folder for an image, the PDF itself
 * for a PDF, the cache folder of its manifest for a IIIF canvas ({@link IiifSource}). {@code kind} is null
 * for a file named on the command line whose type is not supported; it is kept so that its page can be
 * recorded as failed rather than silently dropped. {@code problem} is what the folder walk found wrong with
 * an entry it could not take (a symbolic link loop, a broken link, a folder it may not read, a name that is
 * not UTF-8, an image that could not be fetched), null for a file that looked fine. {@code manuscriptName}
 * is how the manuscript is shown: the folder's or PDF's file name, or a IIIF manifest's label.
 */
public record SourceFile(Path path, SourceKind kind, Path manuscriptPath, String problem, String manuscriptName) {

    public SourceFile {
        if (manuscriptName == null) {
            Path name = manuscriptPath.getFileName();
            manuscriptName = name == null ? manuscriptPath.toString() : name.toString();
        }
    }

    public SourceFile(Path path, SourceKind kind, Path manuscriptPath, String problem) {
        this(path, kind, manuscriptPath, problem, null);
    }

    public SourceFile(Path path, SourceKind kind, Path manuscriptPath) {
        this(path, kind, manuscriptPath, null, null);
    }

    public boolean isPdf() {
        return kind == SourceKind.PDF;
    }

    /** File name without its extension: the page's image id in exports. */
    public String baseName() {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
