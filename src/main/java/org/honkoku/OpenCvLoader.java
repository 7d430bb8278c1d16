package org.honkoku;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads OpenCV's native library once per JVM. The library (65 MB) ships inside the OpenCV jar, and
 * {@code nu.pattern.OpenCV.loadLocally()} copies it to a new temporary folder on every start (about 0.7 s); here
 * it is copied once into the user's cache folder ({@code ~/.cache/honkoku}, not a shared temporary folder where
 * another user could put a library of their own) and loaded from there, again whenever its size differs from
 * the jar's copy (a new OpenCV version). Where that folder cannot be written, the library is loaded as OpenCV's
 * own loader does it.
 */
public final class OpenCvLoader {

    private static final Logger log = LoggerFactory.getLogger(OpenCvLoader.class);
    private static final String LIBRARY = "libopencv_java490.so";
    private static final String RESOURCE = "/nu/pattern/opencv/linux/x86_64/" + LIBRARY;

    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    public static void load() {
        if (!loaded) {
            synchronized (OpenCvLoader.class) {
                if (!loaded) {
                    Path cached = cachedLibrary();
                    if (cached != null) {
                        System.load(cached.toString());
                    } else {
                        nu.pattern.OpenCV.loadLocally();
                    }
                    loaded = true;
                }
            }
        }
    }

    /** The library copied into the cache folder (copied now when missing or of another size), or null. */
    private static Path cachedLibrary() {
        URL resource = OpenCvLoader.class.getResource(RESOURCE);
        if (resource == null || !System.getProperty("os.name", "").toLowerCase().contains("linux")
                || !"amd64".equals(System.getProperty("os.arch"))) {
            return null;
        }
        try {
            URLConnection connection = resource.openConnection();
            long size = connection.getContentLengthLong();
            Path dir = Path.of(System.getProperty("user.home"), ".cache", "honkoku");
            Path library = dir.resolve(LIBRARY);
            if (size > 0 && Files.isRegularFile(library) && Files.size(library) == size) {
                return library;
            }
            Files.createDirectories(dir);
            // written under a name of its own, then moved into place: a second process never loads half a file
            Path partial = Files.createTempFile(dir, LIBRARY, ".part");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return library;
        } catch (IOException | RuntimeException e) {
            log.debug("OpenCV's library cannot be cached ({}); loading it from a temporary copy", e.toString());
            return null;
        }
    }
}
