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
}
