package org.honkoku;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary folders that outlive a test class but not the test JVM: the databases, uploads and browser profiles
 * of the Spring contexts that test classes share (JUnit's {@code @TempDir} ends with its class). Each is deleted
 * when the JVM exits; they were left in the system's temporary folder before, about 160 MB per {@code mvn verify}.
 */
public final class TempFolders {

    private static final List<Path> MADE = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteAll, "delete test folders"));
    }

    private TempFolders() {
    }

    /** A new empty folder named {@code prefix...} in the system's temporary folder, deleted at exit. */
    public static Path make(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            synchronized (MADE) {
                MADE.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteAll() {
        List<Path> made;
        synchronized (MADE) {
            made = new ArrayList<>(MADE);
        }
        for (Path dir : made) {
            try {
                Folders.deleteTree(dir);
            } catch (IOException | UncheckedIOException e) {
                // a file still being written by a context closing at the same time; the rest go
                System.err.println("could not delete " + dir + ": " + e);
            }
        }
    }
}
