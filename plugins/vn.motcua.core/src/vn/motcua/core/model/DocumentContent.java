package vn.motcua.core.model;

/**
 * What a document's bytes are, by their first bytes (never by a name or a declared type): the PDF and image types a
 * workstation stores as scans and is willing to open, the same on the server and the workstation.
 */
public final class DocumentContent {
    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    private DocumentContent() {
    }

    /** {@link #PDF}, {@link #JPEG} or {@link #PNG} recognised from the content's start, else null. */
    public static String recognisedType(byte[] b) {
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return PDF;
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A
                && b[7] == 0x0A) {
            return PNG;
        }
        return null;
    }

    /** The file extension a recognised type is written with (so the system opens it with a viewer of that type). */
    public static String extension(String recognisedType) {
        return switch (recognisedType) {
        case PDF -> ".pdf";
        case JPEG -> ".jpg";
        case PNG -> ".png";
        default -> throw new IllegalArgumentException(recognisedType);
        };
    }
}
