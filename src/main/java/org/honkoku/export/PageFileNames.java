package org.honkoku.export;

import java.util.HashSet;
import java.util.Set;

/**
 * File names for one-file-per-page exports: {@code <image_id>.xml}. Image ids come from file names but
 * need not be unique (two folders may both hold a {@code 001.jpg}), so a repeat gets {@code _2}, {@code _3}.
 */
final class PageFileNames {

    /** An image id as a file name: path separators, characters Windows refuses and control characters as {@code _}. */
    static String safe(String imageId) {
        String base = imageId.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return base.isBlank() || base.startsWith(".") ? "page" + base : base;
    }

    private final Set<String> taken = new HashSet<>();

    String next(String imageId, String extension) {
        String base = safe(imageId);
        String name = base + extension;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "_" + n + extension;
        }
        return name;
    }
}
