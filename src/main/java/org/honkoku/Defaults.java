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

    /**
     * A folder of {@code data/} of the installation, whatever the working directory: what honkoku fetches or keeps
     * there (IIIF images, uploads, npm packages), none of it committed.
     */
    public static Path dataFolder(String name) {
        return Path.of(System.getProperty("honkoku.home", "."), "data", name);
    }
}
