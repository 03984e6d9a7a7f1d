package vn.motcua.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VietnameseTextTest {
    @Test
    void foldRemovesDiacriticsCaseAndDStroke() {
        assertEquals("nguyen van a", VietnameseText.fold("Nguyễn  Văn A "));
        assertEquals("dang ky khai sinh", VietnameseText.fold("ĐĂNG KÝ KHAI SINH"));
        assertEquals("do thi hoa", VietnameseText.fold("Đỗ\u00A0Thị Hoà"));
    }

    @Test
    void foldTreatsNfdLikeNfc() {
        String nfd = Normalizer.normalize("Hộ tịch", Normalizer.Form.NFD);
        assertEquals(VietnameseText.fold("Hộ tịch"), VietnameseText.fold(nfd));
        assertEquals("Hộ tịch", VietnameseText.clean(nfd + "\u00A0"));
    }

    @Test
    void collatorPutsDStrokeAfterD() {
        List<String> names = new ArrayList<>(List.of("Đức", "Dũng", "Ánh", "An", "Bình"));
        names.sort(VietnameseText.collator());
        assertTrue(names.indexOf("Dũng") < names.indexOf("Đức"), names.toString());
        assertEquals("An", names.get(0));
    }

    /** The per-character table that speeds up folding gives exactly what the full normalisation gives. */
    @Test
    void fastFoldingEqualsTheFullPath() {
        for (char c = 0; c < 0x2100; c++) {
            if (Character.isSurrogate(c)) {
                continue;
            }
            String one = "A" + c + " x" + c + c;
            assertEquals(VietnameseText.foldSlow(one), VietnameseText.fold(one), "U+" + Integer.toHexString(c));
        }
        java.util.Random r = new java.util.Random(42);
        String alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
                + " \u00A0\t\n\u0300\u0301\u0303\u0309\u0323\u2003\u212B\uAC00Ωﬁ-.,;()0123456789";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(12); k >= 0; k--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String t = b.toString();
            assertEquals(VietnameseText.foldSlow(t), VietnameseText.fold(t), t);
            assertEquals(Normalizer.normalize(t, Normalizer.Form.NFC).replace('\u00A0', ' ').strip(), VietnameseText.clean(t), t);
        }
    }

    @Test
    void queryWordsBeginWordsOfTheText() {
        String birth = "1.001193 Đăng ký khai sinh (cấp lại)";
        org.junit.jupiter.api.Assertions.assertTrue(VietnameseText.matchesWords("dang ky", birth));
        org.junit.jupiter.api.Assertions.assertTrue(VietnameseText.matchesWords("KHAI s", birth));
        org.junit.jupiter.api.Assertions.assertTrue(VietnameseText.matchesWords("cap lai", birth), "inside brackets");
        org.junit.jupiter.api.Assertions.assertTrue(VietnameseText.matchesWords("001193", birth), "a code's tail");
        org.junit.jupiter.api.Assertions.assertTrue(VietnameseText.matchesWords("  ", birth), "nothing typed: everything");
        org.junit.jupiter.api.Assertions.assertFalse(VietnameseText.matchesWords("dang thuy", birth), "no word begins with thuy");
        org.junit.jupiter.api.Assertions.assertFalse(VietnameseText.matchesWords("ang", birth), "not inside a word");
        org.junit.jupiter.api.Assertions.assertTrue(VietnameseText.matchesWords("dang thuy", "Đăng ký tàu thủy nội địa"));
    }
}
