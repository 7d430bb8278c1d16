package org.honkoku;

import java.nio.file.Path;

/** Defaults that depend on where honkoku is installed (the launcher passes {@code -Dhonkoku.home}). */
public final class Defaults {

    private Defaults() {
    }

    /** The model shipped in {@code models/default} of the installation, whatever the working directory. */
    public static Path modelDir() {
        return Path.of(System.getProperty("honkoku.home", "."), "models", "default");
    }

    /** Where the images of IIIF manifests are fetched to: {@code data/iiif} of the installation. */
    public static Path iiifCache() {
        return Path.of(System.getProperty("honkoku.home", "."), "data", "iiif");
    }
}
