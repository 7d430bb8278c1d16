package org.honkoku.segment;

/**
 * @param analysisLongSide the page is analysed scaled so its longer side is this many pixels: big enough
 *                         that the kana of readings stay several pixels wide, small enough to be fast
 */
public record SegmenterSettings(int analysisLongSide) {

    public static final SegmenterSettings DEFAULTS = new SegmenterSettings(1600);

    public SegmenterSettings {
        if (analysisLongSide < 200) {
            throw new IllegalArgumentException("analysisLongSide too small: " + analysisLongSide);
        }
    }
}
