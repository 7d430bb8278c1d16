package org.honkoku.browse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.honkoku.Defaults;
import org.honkoku.NpmPack;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Mirador, the IIIF viewer archives use, for the manuscript viewer page: the npm package {@code mirador}
 * (Apache-2.0), fetched with {@code npm pack} on first use into {@code data/vendor/mirador-VERSION/} (its one
 * bundle and its licence; nothing is committed), and served from there to signed-in users. A server that cannot
 * reach the npm registry gets the files copied into that folder by hand (the viewer page says so).
 */
@Component
public class MiradorPackage {

    public static final String VERSION = "4.0.0";
    static final String BUNDLE = "mirador.min.js";

    private final Path dir;

    MiradorPackage(@Value("${honkoku.vendor-dir:}") String vendorDir) {
        Path vendor = vendorDir.isBlank() ? Defaults.dataFolder("vendor")
                : Path.of(vendorDir);
        this.dir = vendor.resolve("mirador-" + VERSION);
    }

    /** Where the bundle is kept. */
    public Path bundle() {
        return dir.resolve(BUNDLE);
    }

    /** The bundle, fetched first when it is not there yet. */
    public synchronized Path ensure() throws IOException {
        Path bundle = bundle();
        if (Files.isRegularFile(bundle)) {
            return bundle;
        }
        Map<String, byte[]> files = NpmPack.fetch("mirador@" + VERSION);
        byte[] js = files.get("package/dist/" + BUNDLE);
        if (js == null) {
            throw new IOException("mirador@" + VERSION + " has no dist/" + BUNDLE);
        }
        Files.createDirectories(dir);
        if (files.containsKey("package/LICENSE")) {
            Files.write(dir.resolve("LICENSE"), files.get("package/LICENSE"));
        }
        Path part = dir.resolve(BUNDLE + ".part");
        Files.write(part, js);
        Files.move(part, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return bundle;
    }
}
