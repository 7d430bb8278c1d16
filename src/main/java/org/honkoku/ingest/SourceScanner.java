package org.honkoku.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the paths given on the command line into source files, in a stable order (sorted by path)
 * so that page ids and exports do not depend on the file system's listing order. Files inside folders
 * are taken when their extension is supported; a file named explicitly is always taken, so that a
 * wrong one is reported instead of ignored.
 */
public final class SourceScanner {

    public List<SourceFile> scan(List<Path> inputs) {
        Set<SourceFile> found = new LinkedHashSet<>();
        for (Path input : inputs) {
            Path path = input.toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                found.addAll(scanFolder(path));
            } else if (Files.exists(path)) {
                found.add(sourceFile(path, SourceKind.of(path).orElse(null)));
            } else {
                throw new IllegalArgumentException("no such file or folder: " + input);
            }
        }
        return new ArrayList<>(found);
    }

    private List<SourceFile> scanFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> SourceKind.of(f).isPresent())
                    .sorted(Comparator.comparing(Path::toString))
                    .map(f -> sourceFile(f, SourceKind.of(f).get()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static SourceFile sourceFile(Path file, SourceKind kind) {
        Path manuscript = kind == SourceKind.PDF ? file : file.getParent();
        return new SourceFile(file, kind, manuscript);
    }
}
