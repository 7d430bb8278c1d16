package org.honkoku.ingest;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.filter.MissingImageReaderException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * Renders PDF pages as PDFBox does, except that an image it cannot draw fails the page. PDFBox logs such an image
 * (no decoder for its compression, data it cannot read) and draws the page without it: a scan stored as such an
 * image came out as a blank page, which the pipeline would have marked done with no characters.
 */
final class StrictPdfRenderer extends PDFRenderer {

    /** What PDFBox could not draw, thrown out of the rendering instead of logged. */
    static final class UndrawnImage extends IOException {
        UndrawnImage(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    StrictPdfRenderer(PDDocument document) {
        super(document);
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
        return new PageDrawer(parameters) {
            @Override
            protected void operatorException(Operator operator, List<COSBase> operands, IOException e)
                    throws IOException {
                String name = operator.getName();
                if (e instanceof MissingImageReaderException || name.equals(OperatorName.DRAW_OBJECT)
                        || name.equals(OperatorName.BEGIN_INLINE_IMAGE)) {
                    throw new UndrawnImage(e);
                }
                super.operatorException(operator, operands, e);
            }
        };
    }
}
