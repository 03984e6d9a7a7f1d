package vn.motcua.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Tells what a file really is from its bytes, whatever its name says. */
public final class FileSniffer {
    public enum Kind {
        XLSX, XLS
    }

    private FileSniffer() {
    }

    /** XLSX or XLS, else an {@link ExcelImportException} saying what the file is instead. */
    public static Kind sniff(Path file) throws ExcelImportException {
        String name = file.getFileName().toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        } catch (IOException e) {
            throw new ExcelImportException(e, "file.CANNOT_READ", name, e.getMessage());
        }
        if (head.length == 0) {
            throw new ExcelImportException("file.EMPTY_FILE", name);
        }
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
            return zipKind(file, name);
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
                DirectoryNode root = fs.getRoot();
                if (root.hasEntryCaseInsensitive("EncryptedPackage")) {
                    throw new ExcelImportException("file.ENCRYPTED", name);
                }
                if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
                    return Kind.XLS;
                }
                if (root.hasEntryCaseInsensitive("WordDocument")) {
                    throw new ExcelImportException("file.OTHER_KIND", name, "Word (.doc)");
                }
                throw new ExcelImportException("file.OTHER_KIND", name, "OLE2");
            } catch (IOException | RuntimeException e) {
                throw new ExcelImportException(e, "file.CORRUPT", name);
            }
        }
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            throw new ExcelImportException("file.OTHER_KIND", name, "PDF");
        }
        if (looksLikeText(head)) {
            String text = new String(head, StandardCharsets.UTF_8);
            if (text.stripLeading().startsWith("<")) {
                throw new ExcelImportException("file.OTHER_KIND", name, "HTML/XML");
            }
            throw new ExcelImportException("file.CSV", name);
        }
        throw new ExcelImportException("file.NOT_SPREADSHEET", name);
    }

    private static Kind zipKind(Path file, String name) throws ExcelImportException {
        // The central directory, not a stream scan: streaming writers (SXSSF, LibreOffice) use data
        // descriptors that ZipInputStream rejects.
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                String mime;
                try (InputStream in = zip.getInputStream(mimetype)) {
                    mime = new String(in.readNBytes(100), StandardCharsets.US_ASCII);
                }
                if (mime.contains("opendocument.spreadsheet")) {
                    throw new ExcelImportException("file.ODS", name);
                }
                throw new ExcelImportException("file.OTHER_KIND", name, mime.strip());
            }
            if (zip.getEntry("xl/workbook.bin") != null) {
                throw new ExcelImportException("file.XLSB", name);
            }
            if (zip.getEntry("word/document.xml") != null) {
                throw new ExcelImportException("file.OTHER_KIND", name, "Word (.docx)");
            }
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw new ExcelImportException("file.OTHER_KIND", name, "ZIP");
            }
            return Kind.XLSX;
        } catch (IOException | IllegalArgumentException e) {
            throw new ExcelImportException(e, "file.CORRUPT", name);
        }
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] b) {
        for (byte x : b) {
            int c = x & 0xFF;
            if (c < 0x09 || c > 0x0D && c < 0x20 && c != 0x1B) {
                return false;
            }
        }
        return true;
    }
}
