package org.honkoku.ingest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What a source file is, judged by its extension (its bytes are checked later, when read). */
public enum SourceKind {
    IMAGE, PDF;

    public static Optional<SourceKind> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "jpg", "jpeg", "png", "tif", "tiff", "jp2", "j2k" -> Optional.of(IMAGE);
            case "pdf" -> Optional.of(PDF);
            default -> Optional.empty();
        };
    }
}
