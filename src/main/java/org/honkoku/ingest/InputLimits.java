package org.honkoku.ingest;

import java.time.Duration;

/**
 * Limits against hostile or broken input, each configurable ({@code honkoku.limits.*}) and each violation
 * a failed page with its reason: a file larger than {@code maxFileBytes}, an image whose header claims
 * more than {@code maxPixels} pixels (a PDF page likewise at {@code pdfDpi}), a PDF or multi-page TIFF of more than
 * {@code maxPdfPages} pages, all refused before anything is decoded; and a page not transcribed within
 * {@code pageTime} (see org.honkoku.batch.TimeLimitedProcessor).
 */
public record InputLimits(long maxFileBytes, long maxPixels, int pdfDpi, int maxPdfPages, Duration pageTime) {

    public static final int DEFAULT_MAX_PDF_PAGES = 2000;
    public static final Duration DEFAULT_PAGE_TIME = Duration.ofSeconds(120);

    public InputLimits(long maxFileBytes, long maxPixels, int pdfDpi) {
        this(maxFileBytes, maxPixels, pdfDpi, DEFAULT_MAX_PDF_PAGES, DEFAULT_PAGE_TIME);
    }

    public static InputLimits defaults() {
        return new InputLimits(512L << 20, 150_000_000L, 300);
    }
}
