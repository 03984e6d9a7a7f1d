package vn.motcua.sign.pdf;

/**
 * Where the visible stamp goes, in PDF points from the page's lower-left corner ({@code page} 0-based, −1 = last
 * page), with an optional image (PNG/JPEG bytes: handwritten signature or seal) on its left third.
 */
public record Stamp(int page, float x, float y, float width, float height, byte[] image) {
    /** Lower right of the last page, 220 × 70 pt. */
    public static Stamp defaultPlace() {
        return new Stamp(-1, 340, 40, 220, 70, null);
    }

    public Stamp withImage(byte[] png) {
        return new Stamp(page, x, y, width, height, png);
    }
}
