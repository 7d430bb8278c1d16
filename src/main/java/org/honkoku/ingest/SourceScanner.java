package org.honkoku.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Expands the paths given on the command line into source files, in a stable order (sorted by path)
 * so that page ids and exports do not depend on the file system's listing order. Files inside folders
 * are taken when their extension is supported; a file named explicitly is always taken, so that a
 * wrong one is reported instead of ignored. Symbolic links are followed; what cannot be taken (a link
 * loop, a broken link, a folder it may not read, a pipe or device with an image's name, a name that is not
 * UTF-8) comes back as a source file with its {@link SourceFile#problem()}, to be recorded as a failed
 * page instead of stopping the walk or vanishing from it.
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
            } else if (Files.isSymbolicLink(path)) {
                found.add(problem(path, brokenLink(path)));
            } else {
                throw new IllegalArgumentException("no such file or folder: " + input);
            }
        }
        return new ArrayList<>(found);
    }

    private List<SourceFile> scanFolder(Path folder) {
        List<SourceFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(folder) && !isUtf8Name(dir)) {
                                files.add(problem(dir, notUtf8(dir)));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            Optional<SourceKind> kind = SourceKind.of(file);
                            if (kind.isEmpty()) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (!isUtf8Name(file)) {
                                files.add(problem(file, notUtf8(file)));
                            } else if (attrs.isSymbolicLink()) {
                                // with FOLLOW_LINKS, a link is only visited as itself when it leads nowhere
                                files.add(problem(file, brokenLink(file)));
                            } else if (!attrs.isRegularFile()) {
                                files.add(problem(file, "not a regular file (a named pipe, socket or device):"
                                        + " not read"));
                            } else {
                                files.add(sourceFile(file, kind.get()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            files.add(problem(file, unreadable(file, e)));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        files.sort(Comparator.comparing(f -> f.path().toString()));
        return files;
    }

    private static String unreadable(Path file, IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop: " + file.getFileName() + " leads back into a folder above it"
                    + readLink(file) + "; not followed";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: cannot read " + (Files.isDirectory(file) ? "folder " : "") + file.getFileName();
        }
        return "cannot read " + file.getFileName() + ": " + e;
    }

    private static String brokenLink(Path link) {
        return "broken symbolic link: " + link.getFileName() + readLink(link) + " does not exist";
    }

    private static String readLink(Path link) {
        try {
            return Files.isSymbolicLink(link) ? " (-> " + Files.readSymbolicLink(link) + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Whether the name survives a round trip through a Java string: a name in another encoding (Shift-JIS
     * from an old Windows archive) does not, and the path stored for its page would lead nowhere.
     */
    static boolean isUtf8Name(Path path) {
        try {
            return Path.of(path.toString()).equals(path);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String notUtf8(Path path) {
        return "file name is not valid UTF-8 (Shift-JIS or another legacy encoding?): rename "
                + path.getFileName() + " (e.g. with convmv) and run again";
    }

    private static SourceFile problem(Path path, String problem) {
        Path parent = path.getParent() == null ? path : path.getParent();
        return new SourceFile(path, SourceKind.of(path).orElse(null), parent, problem);
    }

    private static SourceFile sourceFile(Path file, SourceKind kind) {
        Path manuscript = kind == SourceKind.PDF ? file : file.getParent();
        return new SourceFile(file, kind, manuscript);
    }
}
