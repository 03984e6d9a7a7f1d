package vn.motcua.ui.approval;

import java.awt.image.BufferedImage;
import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;

/** Page 1 of a PDF as SWT image data, rendered by PDFBox at the width the preview has. */
final class PdfPreview {
    record Page(ImageData image, int pages) {
    }

    private PdfPreview() {
    }

    static Page firstPage(byte[] pdf, int widthPx) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            float pageWidthPt = doc.getPage(0).getMediaBox().getWidth();
            float scale = Math.max(0.2f, widthPx / pageWidthPt);
            BufferedImage img = new PDFRenderer(doc).renderImage(0, scale, ImageType.RGB);
            return new Page(toSwt(img), doc.getNumberOfPages());
        }
    }

    private static ImageData toSwt(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] &= 0xFFFFFF;
            }
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }
}
