package org.honkoku.ingest;

/**
 * Limits against hostile or broken input: a file larger than {@code maxFileBytes}, or an image whose
 * header claims more than {@code maxPixels} pixels, is refused before anything is decoded.
 */
public record InputLimits(long maxFileBytes, long maxPixels, int pdfDpi) {

    public static InputLimits defaults() {
        return new InputLimits(512L << 20, 150_000_000L, 300);
    }
}
