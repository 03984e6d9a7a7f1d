import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Draws the workbench's part icons as vectors at 16 px and at 32 px ({@code name-16@2x.png}, which SWT picks on a
 * 200 % screen), so the icons stay sharp on HiDPI laptops without a bitmap editor. Run from the repository root:
 * {@code java releng/icons/PartIcons.java}; the PNGs are committed, this is how they were made.
 */
public class PartIcons {
    static final Color INK = new Color(0x5D, 0x40, 0x37);
    static final Color PAPER = Color.WHITE;
    static final Color RED = new Color(0xB7, 0x1C, 0x1C);
    static final Color GREEN = new Color(0x2E, 0x7D, 0x32);
    static final Color BLUE = new Color(0x15, 0x65, 0xC0);
    static final Color GOLD = new Color(0xF9, 0xA8, 0x25);

    public static void main(String[] args) throws IOException {
        Map<String, Consumer<Graphics2D>> icons = new java.util.LinkedHashMap<>();
        icons.put("plugins/vn.motcua.ui.dossiers/icons/dossiers", g -> {
            paper(g);
            g.setColor(INK);
            for (int y = 5; y <= 11; y += 3) {
                g.fill(new Rectangle2D.Double(5, y, 6, 1));
            }
        });
        icons.put("plugins/vn.motcua.ui.counter/icons/reception", g -> {
            // a tray with an arrow coming in: a dossier received
            g.setColor(INK);
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(polygon(1.5, 9.5, 5, 9.5, 6, 11.5, 10, 11.5, 11, 9.5, 14.5, 9.5, 14.5, 14.5, 1.5, 14.5));
            g.setColor(GREEN);
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new java.awt.geom.Line2D.Double(8, 1.5, 8, 8));
            g.draw(polyline(5, 5.5, 8, 8.5, 11, 5.5));
        });
        icons.put("plugins/vn.motcua.ui.approval/icons/inbox", g -> {
            paper(g);
            check(g, 4.5, 8.5);
        });
        icons.put("plugins/vn.motcua.ui.approval/icons/issuing", g -> {
            paper(g);
            g.setColor(INK);
            g.fill(new Rectangle2D.Double(5, 4, 6, 1));
            g.fill(new Rectangle2D.Double(5, 6.5, 6, 1));
            // the red seal of an issued result
            g.setColor(RED);
            g.setStroke(new BasicStroke(1.3f));
            g.draw(new Ellipse2D.Double(6.5, 8.5, 5, 5));
            g.fill(new Ellipse2D.Double(8.25, 10.25, 1.5, 1.5));
        });
        icons.put("plugins/vn.motcua.ui.catalogue/icons/catalogue", g -> {
            // a bound book
            g.setColor(BLUE);
            g.fill(new RoundRectangle2D.Double(2.5, 1.5, 11, 13, 2, 2));
            g.setColor(PAPER);
            g.fill(new Rectangle2D.Double(5, 4, 6.5, 1));
            g.fill(new Rectangle2D.Double(5, 6.5, 6.5, 1));
            g.fill(new Rectangle2D.Double(5, 9, 4.5, 1));
            g.setColor(INK);
            g.fill(new Rectangle2D.Double(2.5, 1.5, 1.5, 13));
        });
        icons.put("plugins/vn.motcua.ui.reports/icons/reports", g -> {
            g.setColor(INK);
            g.fill(new Rectangle2D.Double(1.5, 14, 13, 1));
            g.setColor(BLUE);
            g.fill(new Rectangle2D.Double(2.5, 8, 3, 6));
            g.setColor(GREEN);
            g.fill(new Rectangle2D.Double(6.5, 3, 3, 11));
            g.setColor(RED);
            g.fill(new Rectangle2D.Double(10.5, 10, 3, 4));
        });
        icons.put("plugins/vn.motcua.ui.sign/icons/verify", g -> {
            // a shield with a tick: a checked signature
            GeneralPath shield = new GeneralPath();
            shield.moveTo(8, 1);
            shield.lineTo(14, 3);
            shield.curveTo(14, 9, 12, 13, 8, 15);
            shield.curveTo(4, 13, 2, 9, 2, 3);
            shield.closePath();
            g.setColor(BLUE);
            g.fill(shield);
            g.setColor(PAPER);
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(polyline(5, 8, 7.3, 10.3, 11, 5.5));
        });
        icons.put("plugins/vn.motcua.ui.training/icons/exercise", g -> {
            // a graduation cap
            g.setColor(INK);
            g.fill(polygon(8, 2.5, 15.5, 6, 8, 9.5, 0.5, 6));
            GeneralPath cap = new GeneralPath();
            cap.moveTo(3.5, 8);
            cap.lineTo(3.5, 11.5);
            cap.curveTo(5.5, 13.5, 10.5, 13.5, 12.5, 11.5);
            cap.lineTo(12.5, 8);
            cap.lineTo(8, 10.2);
            cap.closePath();
            g.fill(cap);
            g.setColor(GOLD);
            g.setStroke(new BasicStroke(1f));
            g.draw(new java.awt.geom.Line2D.Double(14.5, 6.5, 14.5, 12));
            g.fill(new Ellipse2D.Double(13.7, 11.5, 1.6, 2));
        });
        for (Map.Entry<String, Consumer<Graphics2D>> icon : icons.entrySet()) {
            for (int scale = 1; scale <= 2; scale++) {
                BufferedImage image = new BufferedImage(16 * scale, 16 * scale, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.scale(scale, scale);
                icon.getValue().accept(g);
                g.dispose();
                File out = new File(icon.getKey() + (scale == 1 ? "-16.png" : "-16@2x.png"));
                out.getParentFile().mkdirs();
                ImageIO.write(image, "png", out);
                System.out.println(out);
            }
        }
    }

    /** A sheet with a folded corner: the dossier. */
    static void paper(Graphics2D g) {
        GeneralPath sheet = polygon(2.5, 1.5, 10.5, 1.5, 13.5, 4.5, 13.5, 14.5, 2.5, 14.5);
        g.setColor(PAPER);
        g.fill(sheet);
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.draw(sheet);
        g.draw(polyline(10.5, 1.5, 10.5, 4.5, 13.5, 4.5));
    }

    /** A green tick whose corner is at (x, y). */
    static void check(Graphics2D g, double x, double y) {
        g.setColor(GREEN);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(polyline(x, y, x + 2.5, y + 2.5, x + 7, y - 3));
    }

    /** An open line through the points {@code x0, y0, x1, y1, …}. */
    static GeneralPath polyline(double... xy) {
        GeneralPath path = new GeneralPath();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        return path;
    }

    /** A closed shape through the points {@code x0, y0, x1, y1, …}. */
    static GeneralPath polygon(double... xy) {
        GeneralPath path = polyline(xy);
        path.closePath();
        return path;
    }
}
