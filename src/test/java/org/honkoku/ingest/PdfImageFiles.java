package org.honkoku.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** PDFs whose one page is a scan stored as an image compressed in a chosen way, for the tests. */
public final class PdfImageFiles {

    private PdfImageFiles() {
    }

    /**
     * A one-page PDF whose page is an 8-bit grey image of {@code width} x {@code height} pixels, drawn at 72 dpi (a
     * point per pixel), its stream {@code data} as stored (not re-encoded) under {@code filter}.
     */
    public static void write(Path file, byte[] data, COSName filter, int width, int height) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(width, height));
            doc.addPage(page);
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream out = stream.createRawOutputStream()) {
                out.write(data);
            }
            stream.setItem(COSName.TYPE, COSName.XOBJECT);
            stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
            stream.setItem(COSName.FILTER, filter);
            stream.setInt(COSName.WIDTH, width);
            stream.setInt(COSName.HEIGHT, height);
            stream.setInt(COSName.BITS_PER_COMPONENT, 8);
            stream.setItem(COSName.COLORSPACE, PDDeviceGray.INSTANCE);
            PDImageXObject image = new PDImageXObject(new PDStream(stream), null);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 0, 0, width, height);
            }
            doc.save(file.toFile());
        }
    }
}
