package org.honkoku.ingest;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Archival masters are often 16-bit TIFF, PNG or JPEG 2000 files whose samples use fewer bits: 10, 12 or 14 of
 * them, as the camera or scanner gave them, or 8 in a 16-bit container. OpenCV's own conversion to 8 bits keeps
 * the 8 highest of the 16 bits, which leaves a 12-bit scan with 16 grey levels, a 10-bit one with 4, and an 8-bit
 * one in a 16-bit file black. So a page is decoded at its own depth, and its samples are shifted right by as many
 * bits as its largest sample uses above 8. A full-range 16-bit page comes out as before; narrower ones keep the
 * greys they were scanned with. Tones are not stretched, and no sample is clipped. A 16-bit page takes twice the
 * memory of an 8-bit one while it is converted.
 * <p>
 * Measured on hnsd's labelled page saved as 16-bit PNG ({@code evaluate}; {@code f1}, {@code accuracy}). Full range:
 * 0.721, 1.000 before and after. 12-bit samples: 0.705, 0.991 before, 0.721, 1.000 after. 10-bit samples:
 * 0.208, 0.066 before, 0.721, 1.000 after.
 */
final class SampleDepth {

    private SampleDepth() {
    }

    /**
     * The image in 8 bits (released when converted). Unsigned 16-bit samples are shifted as described above. Signed
     * and floating-point samples (rare in scans) are spread linearly over 0-255 from their smallest to their largest.
     */
    static Mat toEightBit(Mat decoded) {
        if (decoded.empty() || decoded.depth() == CvType.CV_8U) {
            return decoded;
        }
        Core.MinMaxLocResult range = Core.minMaxLoc(decoded.reshape(1));
        Mat out = new Mat();
        if (decoded.depth() == CvType.CV_16U) {
            int shift = shift((int) range.maxVal);
            // v >> shift exactly: convertTo rounds (half to even), so the scaled value is moved down by just under
            // half a level, which no sample's fraction can tie
            decoded.convertTo(out, CvType.CV_8U, 1.0 / (1 << shift), shift == 0 ? 0 : -0.5 + 0.5 / (1 << shift));
        } else {
            double span = Math.max(1e-12, range.maxVal - range.minVal);
            decoded.convertTo(out, CvType.CV_8U, 255 / span, -range.minVal * 255 / span);
        }
        decoded.release();
        return out;
    }

    /** How many bits the largest sample uses above 8 (0 for samples that fit 8 bits). */
    static int shift(int largest) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(0, largest));
        return Math.max(0, bits - 8);
    }
}
